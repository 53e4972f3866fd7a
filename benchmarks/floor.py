"""What this machine allows: the CPU floor of an encrypted, durable transfer of the benchmark study.

    python benchmarks/floor.py [--instances 500] [--size 512] [--repeat 5]

No appliance code runs here: only the primitives any encrypted, durable transfer of these bytes must pay,
timed on the same ~263 MB (the synthetic study of benchmarks/transfer.py and pacs_to_pacs.py), one piece
per file as the appliance sends them (500 chunks):

- read: the 500 files read from disk (page cache warm, as the sender's spool is right after intake);
- sha256: hashlib over every file (the sender hashes for the manifest, the receiver to verify);
- seal / open: XChaCha20-Poly1305 through the libsodium PyNaCl bundles, into a preallocated buffer (the
  cheapest way Python can call it) and, for comparison, through `nacl.bindings` (allocates and copies);
- write+fsync: in the spool's filesystem (a folder next to this study), as one big file with one fsync,
  and as 500 files with one fsync each and a directory fsync (what "durable before recorded" costs);
- read back: the written files read again;
- tcp: a loopback socket copy of the bytes (sendall / recv_into, no HTTP, no TLS), sender and receiver
  in two threads; their CPU is counted per thread.

Each step runs `--repeat` times; the median wall and CPU seconds (process CPU, all threads) are reported.
From them: the minimum CPU seconds of the sender (read + sha256 + seal + send) and of the receiver (recv +
open + sha256 + write + fsync), and the best-case wall on this machine's cores, `max(CPU / cores, the
disk's wall for the bytes in one file with one fsync)`, compared with a third of Orthanc's peer transfer
(read from benchmarks/results/transfer.json and pacs_to_pacs.json, with the Orthanc and appliance CPU
seconds they hold), and the same floor for the whole PACS -> appliance -> appliance -> PACS path (the
Orthancs' CPU as measured by pacs_to_pacs.py plus the appliances' minimum). Run pacs_to_pacs.py first.
Results go to benchmarks/results/floor.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nacl
import nacl.bindings as sodium
import nacl.utils
from nacl._sodium import ffi, lib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import WORK, StudySpec, cached_study  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
NONCE = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
TAG = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES
KEY = nacl.utils.random(sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
HEADER = b"transfer-id|manifest-hash|file|index|count|last"  # associated data of the size the protocol binds


def timed(step: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> dict[str, object]:
    """Median wall and process-CPU seconds of `step` over `repeat` runs (`before` runs untimed first)."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        if before:
            before()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        step()
        walls.append(time.perf_counter() - wall0)
        cpus.append(time.process_time() - cpu0)
    return {"wall_s": round(statistics.median(walls), 3), "cpu_s": round(statistics.median(cpus), 3),
            "runs_wall_s": [round(w, 3) for w in walls], "runs_cpu_s": [round(c, 3) for c in cpus]}


def read_all(paths: list[Path]) -> list[bytes]:
    return [p.read_bytes() for p in paths]


def sha256_all(blobs: list[bytes]) -> None:
    for blob in blobs:
        hashlib.sha256(blob).digest()


def seal_all(blobs: list[bytes], out: list[bytearray]) -> None:
    """nonce || ciphertext+tag of each blob written into a preallocated buffer (no copy of the plaintext)."""
    written = ffi.new("unsigned long long *")
    for blob, box in zip(blobs, out, strict=True):
        nonce = nacl.utils.random(NONCE)
        box[:NONCE] = nonce
        target = ffi.from_buffer("unsigned char[]", box, require_writable=True) + NONCE
        if lib.crypto_aead_xchacha20poly1305_ietf_encrypt(target, written, ffi.from_buffer(blob), len(blob),
                                                          HEADER, len(HEADER), ffi.NULL, nonce, KEY) != 0:
            raise RuntimeError("libsodium refused to encrypt")


def open_all(boxes: list[bytearray], out: list[bytearray]) -> None:
    produced = ffi.new("unsigned long long *")
    for box, plain in zip(boxes, out, strict=True):
        view = memoryview(box)
        nonce = bytes(view[:NONCE])
        if lib.crypto_aead_xchacha20poly1305_ietf_decrypt(
                ffi.from_buffer("unsigned char[]", plain, require_writable=True), produced, ffi.NULL,
                ffi.from_buffer(view[NONCE:]), len(box) - NONCE, HEADER, len(HEADER), nonce, KEY) != 0:
            raise RuntimeError("authentication failed")


def seal_bindings(blobs: list[bytes]) -> list[bytes]:
    sealed = []
    for blob in blobs:
        nonce = nacl.utils.random(NONCE)
        sealed.append(nonce + sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(blob, HEADER, nonce, KEY))
    return sealed


def open_bindings(sealed: list[bytes]) -> None:
    for box in sealed:
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(box[NONCE:], HEADER, box[:NONCE], KEY)


def crypto_steps(blobs: list[bytes], repeat: int) -> dict[str, dict[str, object]]:
    """Seal and open every blob, into preallocated buffers and through `nacl.bindings`."""
    boxes = [bytearray(NONCE + len(b) + TAG) for b in blobs]
    plains = [bytearray(len(b)) for b in blobs]
    steps = {"seal_xchacha20poly1305": timed(lambda: seal_all(blobs, boxes), repeat),
             "open_xchacha20poly1305": timed(lambda: open_all(boxes, plains), repeat)}
    if any(bytes(p) != b for p, b in zip(plains, blobs, strict=True)):
        raise SystemExit("opened bytes differ from the originals")
    sealed = seal_bindings(blobs)
    steps["seal_nacl_bindings"] = timed(lambda: seal_bindings(blobs), repeat)
    steps["open_nacl_bindings"] = timed(lambda: open_bindings(sealed), repeat)
    return steps


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_one_file(blobs: list[bytes], folder: Path) -> None:
    with open(folder / "study.bin", "wb") as out:
        for blob in blobs:
            out.write(blob)
        out.flush()
        os.fsync(out.fileno())
    fsync_dir(folder)


def write_files(blobs: list[bytes], folder: Path) -> None:
    for n, blob in enumerate(blobs):
        with open(folder / f"{n:05d}.dcm", "wb") as out:
            out.write(blob)
            out.flush()
            os.fsync(out.fileno())
    fsync_dir(folder)


def fresh(folder: Path) -> Callable[[], None]:
    def reset() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        os.sync()
        time.sleep(0.3)

    return reset


def tcp_copy(blobs: list[bytes]) -> dict[str, float]:
    """Send every blob over a loopback TCP connection; CPU seconds of the sending and receiving thread."""
    total = sum(len(b) for b in blobs)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    cpu: dict[str, float] = {}

    def receive() -> None:
        conn, _ = listener.accept()
        start = time.thread_time()
        buffer = bytearray(4 << 20)
        view = memoryview(buffer)
        got = 0
        while got < total:
            n = conn.recv_into(view)
            if not n:
                break
            got += n
        cpu["receiver_cpu_s"] = time.thread_time() - start
        conn.close()

    receiver = threading.Thread(target=receive)
    receiver.start()
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        start = time.thread_time()
        for blob in blobs:
            conn.sendall(blob)
        cpu["sender_cpu_s"] = time.thread_time() - start
    receiver.join()
    listener.close()
    return cpu


def tcp_timed(blobs: list[bytes], repeat: int) -> dict[str, object]:
    sides: list[dict[str, float]] = []

    def step() -> None:
        sides.append(tcp_copy(blobs))

    result = timed(step, repeat)
    for side in ("sender_cpu_s", "receiver_cpu_s"):
        result[side] = round(statistics.median(s[side] for s in sides), 3)
    return result


def published(name: str) -> dict[str, Any]:
    path = RESULTS / name
    return json.loads(path.read_text()) if path.exists() else {}


def rounded(parts: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in parts.items()} | {"total": round(sum(parts.values()), 3)}


def compare(steps: dict[str, dict[str, object]], size: int, cores: int) -> dict[str, object]:
    """The transfer floor from the steps, next to what the benchmarks measured."""
    def cpu(name: str, key: str = "cpu_s") -> float:
        return float(steps[name][key])  # type: ignore[arg-type]

    sender = {"read": cpu("read_files"), "sha256": cpu("sha256"), "seal": cpu("seal_xchacha20poly1305"),
              "tcp_send": cpu("tcp_loopback_copy", "sender_cpu_s")}
    receiver = {"tcp_recv": cpu("tcp_loopback_copy", "receiver_cpu_s"), "open": cpu("open_xchacha20poly1305"),
                "sha256": cpu("sha256"), "write_fsync_500_files": cpu("write_fsync_500_files")}
    cpu_total = sum(sender.values()) + sum(receiver.values())
    cpu_wall = cpu_total / cores
    best = max(cpu_wall, cpu("write_fsync_one_file", "wall_s"))
    out: dict[str, object] = {
        "sender_min_cpu_s": rounded(sender),
        "receiver_min_cpu_s": rounded(receiver),
        "min_cpu_s": round(cpu_total, 3),
        "cores": cores,
        "cpu_bound_wall_s": round(cpu_wall, 3),
        "disk_wall_s": {"one_file_one_fsync": cpu("write_fsync_one_file", "wall_s"),
                        "500_files_500_fsyncs": cpu("write_fsync_500_files", "wall_s")},
        "best_case_wall_s": round(best, 3),
        "best_case_mb_per_s": round(size / best / 1e6, 1),
        "best_case_wall_s_if_every_file_is_fsynced_on_arrival": round(
            max(cpu_wall, cpu("write_fsync_500_files", "wall_s")), 3),
        "min_cpu_s_if_the_sender_reuses_the_intake_hash": round(cpu_total - sender["sha256"], 3),
        "note": "best case = max(min CPU / cores, the disk's wall for one file + one fsync): perfect overlap of both "
                "sides on every core, no HTTP, framing, journal, SQLite, asyncio or handshake; the disk walls "
                "vary with the other engineers' I/O on this machine",
    }
    transfer, p2p = published("transfer.json"), published("pacs_to_pacs.json")
    peer_times = {"transfer.json orthanc_peer_store": transfer.get("orthanc_peer_store", {}).get("seconds"),
                  "pacs_to_pacs.json orthanc_peer_transfer": p2p.get("legs", {}).get("orthanc_peer_transfer",
                                                                                    {}).get("seconds")}
    out["vs_orthanc_peer_transfer"] = {
        source: {"orthanc_s": seconds, "one_third_s": round(seconds / 3, 3),
                 "best_case_speedup": round(seconds / best, 2), "target_3x_reachable_at_floor": best <= seconds / 3}
        for source, seconds in peer_times.items() if seconds
    }
    out["measured"] = measured(transfer, p2p, cpu_total, cores)
    pipeline = pipeline_floor(steps, p2p, cpu_total - sender["sha256"], cores)
    if pipeline:
        out["pacs_to_pacs_floor"] = pipeline
    return out


def measured(transfer: dict[str, Any], p2p: dict[str, Any], floor_cpu: float, cores: int) -> dict[str, object]:
    """What the appliance and Orthanc spend on the same transfer, from the other benchmarks' results."""
    out: dict[str, object] = {}
    appliance = transfer.get("appliance_to_appliance", {})
    app_cpu = [sum(r["cpu_seconds_user_sys"].values()) for r in appliance.get("rounds", [])
               if "cpu_seconds_user_sys" in r]
    if app_cpu:
        median_cpu = statistics.median(app_cpu)
        out["appliance_to_appliance"] = {
            "from": f"benchmarks/results/transfer.json of {transfer.get('when')} (sender+receiver, user+sys; "
                    "its window includes the CLI `send` import)",
            "wall_s": appliance.get("seconds"), "cpu_s_median": round(median_cpu, 3),
            "cpu_bound_wall_s": round(median_cpu / cores, 3),
            "share_of_cpu_above_floor": round(1 - floor_cpu / median_cpu, 2),
        }
    for name, leg in p2p.get("legs", {}).items():
        for leg_name, part in leg.get("legs_cpu", {}).items():
            if leg_name.startswith("transfer"):
                app = sum(float(part["cpu_s"].get(k, 0)) for k in ("appliance_a", "appliance_b"))
                out[f"{name}: transfer leg"] = {
                    "from": f"benchmarks/results/pacs_to_pacs.json of {p2p.get('when')}",
                    "wall_s": part["wall_s"], "appliance_cpu_s": round(app, 3),
                    "share_of_cpu_above_floor": round(1 - floor_cpu / app, 2) if app else None}
    peer = p2p.get("legs", {}).get("orthanc_peer_transfer", {})
    if isinstance(peer.get("cpu_s"), dict):
        orthanc_cpu = sum(float(peer["cpu_s"].get(k, 0)) for k in ("orthanc_a", "orthanc_b"))
        out["orthanc_peer_transfer"] = {"from": f"benchmarks/results/pacs_to_pacs.json of {p2p.get('when')}",
                                        "wall_s": peer.get("seconds"), "cpu_s": peer["cpu_s"],
                                        "cpu_bound_wall_s": round(orthanc_cpu / cores, 3)}
    return out


def pipeline_floor(steps: dict[str, dict[str, object]], p2p: dict[str, Any], transfer_cpu: float,
                   cores: int) -> dict[str, object]:
    """Orthanc A -> appliance A -> appliance B -> Orthanc B: the Orthancs' measured CPU plus the appliances' floor.

    The Orthancs' CPU in the two-appliance run is what they spend sending by C-MOVE and storing by C-STORE. The
    appliances must at least receive the files, hash them and make them durable (intake; that hash serves the
    manifest, so `transfer_cpu` leaves out the sender's), do the transfer, then read and send the files to
    Orthanc B (push; the IHE header rewrite is left out, so it stays a floor)."""
    through = p2p.get("legs", {}).get("through_two_appliances", {})
    cpu = through.get("cpu_s")
    peer = p2p.get("legs", {}).get("orthanc_peer_transfer", {})
    if not isinstance(cpu, dict) or not peer.get("seconds"):
        return {}

    def c(name: str, key: str = "cpu_s") -> float:
        return float(steps[name][key])  # type: ignore[arg-type]

    orthancs = {k: float(cpu.get(k, 0)) for k in ("orthanc_a", "orthanc_b")}
    intake = c("tcp_loopback_copy", "receiver_cpu_s") + c("sha256") + c("write_fsync_500_files")
    push = c("read_back_500_files") + c("tcp_loopback_copy", "sender_cpu_s")
    appliance_floor = intake + transfer_cpu + push
    total = sum(orthancs.values()) + appliance_floor
    appliance_cpu = max(float(cpu.get("appliance_a", 0)) + float(cpu.get("appliance_b", 0)), 1e-9)
    return {
        "from": f"Orthanc CPU: benchmarks/results/pacs_to_pacs.json of {p2p.get('when')}, "
                "legs.through_two_appliances (C-MOVE out of A, C-STORE into B); appliance parts: the steps above",
        "orthanc_cpu_s_measured": orthancs,
        "appliance_min_cpu_s": {"intake (recv + sha256 + write + fsync)": round(intake, 3),
                                "transfer (without the sender's hash)": round(transfer_cpu, 3),
                                "push (read + send)": round(push, 3), "total": round(appliance_floor, 3)},
        "min_cpu_s": round(total, 3),
        "best_case_wall_s": round(total / cores, 3),
        "orthanc_peer_transfer_s": peer["seconds"],
        "best_case_vs_orthanc_peer": round(float(peer["seconds"]) / (total / cores), 2),
        "measured_wall_s": through.get("seconds"),
        "measured_appliance_cpu_s": round(appliance_cpu, 3),
        "share_of_appliance_cpu_above_floor": round(1 - appliance_floor / appliance_cpu, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", type=int, default=500)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS / "floor.json")
    args = parser.parse_args()
    paths = cached_study(StudySpec(instances=args.instances, rows=args.size, columns=args.size))
    size = sum(p.stat().st_size for p in paths)
    cores = os.cpu_count() or 1
    scratch = WORK / f"floor-{os.getpid()}"  # same filesystem as the study and the benchmark spools
    steps: dict[str, dict[str, object]] = {}
    load_at_start = os.getloadavg()
    try:
        read_all(paths)  # warm the page cache once, as after intake
        steps["read_files"] = timed(lambda: read_all(paths), args.repeat)
        blobs = read_all(paths)
        steps["sha256"] = timed(lambda: sha256_all(blobs), args.repeat)
        steps |= crypto_steps(blobs, args.repeat)
        one, many = scratch / "one", scratch / "many"
        steps["write_fsync_one_file"] = timed(lambda: write_one_file(blobs, one), args.repeat, fresh(one))
        steps["write_fsync_500_files"] = timed(lambda: write_files(blobs, many), args.repeat, fresh(many))
        written = sorted(many.iterdir())
        steps["read_back_500_files"] = timed(lambda: read_all(written), args.repeat)
        steps["tcp_loopback_copy"] = tcp_timed(blobs, args.repeat)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for step in steps.values():
        step["mb_per_s"] = round(size / max(float(step["wall_s"]), 1e-9) / 1e6, 1)  # type: ignore[arg-type]
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": cores, "python": platform.python_version(), "pynacl": nacl.__version__,
                    "libsodium": "bundled with PyNaCl",
                    "filesystem": f"{scratch.parent} (same filesystem as the benchmark spools)",
                    "load_average_at_start": load_at_start},
        "study": {"instances": len(paths), "bytes": size, "pixels": f"{args.size}x{args.size}x16 bit CT"},
        "repeat": args.repeat,
        "steps": steps,
        "floor": compare(steps, size, cores),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
