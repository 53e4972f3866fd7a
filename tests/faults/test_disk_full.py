"""A full disk on the receiver: its spool is a small ext4 image (loop mount) filled by a filler file.

Two ways the disk can be too small, both with the receiver in its namespace and the study (~25 MB) larger
than the free space:

* the space check at the offer (settings.min_free_mb): the receiver refuses the offer with a reason
  before writing anything; the sender keeps the transfer queued and retries;
* a real ENOSPC in the middle of the chunks (min_free_mb = 0, so nothing stops the offer): the receiver
  answers 503 "receiver storage full, retry later", keeps what it journaled, and the sender retries.

In both, the engines stay up, nothing half-written is recorded, the receiver's own status shows a
"receiver storage full" alarm (and its paused incoming transfer that reason) while the peer only learns
the generic 503 reason (never the receiver's paths); once the filler is deleted the alarm clears and the
transfer completes with every instance once and byte-identical; a second small study then goes through.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.synthetic import StudySpec, cached_study
from tests.faults.netns import Topology
from tests.faults.sites import (
    Engine,
    Host,
    assert_delivered_once,
    make_hosts,
    running,
    send_study,
    set_settings,
    status,
    status_of,
    still_serving,
    study_uids,
    wait_done,
)
from tests.integration.appliance_proc import query, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.timeout(240)]
IMAGE_MB = 96
MIB = 1 << 20
FULL = "receiver storage full"


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory, topology: Topology) -> Iterator[tuple[Host, Host]]:
    """The pair, with the receiver's spool on its own small filesystem (unmounted even on failure)."""
    root = tmp_path_factory.mktemp("disk-full")
    sender, receiver = make_hosts(root, topology)
    image, mountpoint = root / "spool.img", receiver.site.home / "spool"
    subprocess.run(["truncate", "-s", f"{IMAGE_MB}M", str(image)], check=True)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)], check=True)
    if mountpoint.exists():
        shutil.rmtree(mountpoint)
    mountpoint.mkdir()
    subprocess.run(["mount", "-o", "loop", str(image), str(mountpoint)], check=True)
    try:
        yield sender, receiver
    finally:
        if subprocess.run(["umount", str(mountpoint)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], check=False)
        image.unlink(missing_ok=True)


def fill(spool: Path, leave_mb: int) -> Path:
    """A filler file leaving about `leave_mb` MiB free on the spool's filesystem."""
    filler = spool / "filler.bin"
    filler.unlink(missing_ok=True)
    free = shutil.disk_usage(spool).free
    size = max(0, free - leave_mb * MIB)
    with open(filler, "wb") as handle:
        block = b"\0" * MIB
        for _ in range(size // MIB):
            handle.write(block)
        handle.flush()
        os.fsync(handle.fileno())
    return filler


def study(seed: int, instances: int = 48, size: int = 512) -> list[Path]:
    return cached_study(StudySpec(instances=instances, rows=size, columns=size, seed=seed,
                                  patient_id=f"SYN-DISK-{seed}"))


def paused_then_resumed(topo: Topology, hosts: tuple[Host, Host], engines: list[Engine], seed: int, leave_mb: int,
                        expect: str, what: str, measurements: list[dict[str, object]]) -> dict[str, object]:
    sender, receiver = hosts
    spool = receiver.site.home / "spool"
    filler = fill(spool, leave_mb)
    files = study(seed)
    study_uid, sops = study_uids(files)
    send_study(sender, receiver, files)
    started = time.monotonic()
    wait_for(lambda: expect in str(status_of(sender.site, study_uid, "out").get("reason", "")), timeout=90,
             interval=0.3, what=f"the sender to report {expect!r}")
    paused_after = time.monotonic() - started
    time.sleep(3)  # paused for a while: retries keep failing cleanly, nothing crashes
    out, inn = status_of(sender.site, study_uid, "out"), status_of(receiver.site, study_uid, "in")
    receiver_alarms = status(receiver.site)["alarms"]
    assert any(FULL in str(a) for a in receiver_alarms), receiver_alarms  # type: ignore[attr-defined]
    assert str(receiver.site.home) not in str(out.get("reason", "")), "the 503 leaked the receiver's paths"
    assert all(e.alive() for e in engines), "an engine died on a full disk"
    assert out["state"] in ("queued", "sending"), out
    assert inn.get("state", "receiving") == "receiving", inn
    assert not query(receiver.site, "SELECT 1 FROM instances WHERE study_uid = ?", (study_uid,)), \
        "instances recorded from an incomplete study"
    assert query(receiver.site, "PRAGMA integrity_check")[0][0] == "ok"
    free_while_paused = shutil.disk_usage(spool).free // MIB
    journaled = query(receiver.site, """SELECT p.chunks_recorded AS n FROM transfers t JOIN peer_transfers p
                                        ON p.transfer_id = t.id WHERE t.direction='in' AND t.study_uid = ?""",
                      (study_uid,))
    filler.unlink()
    freed = time.monotonic()
    wait_done(sender, receiver, study_uid, timeout=150)
    resumed_after = time.monotonic() - freed
    after = status(receiver.site)
    assert not any(FULL in str(a) for a in after["alarms"]), after["alarms"]  # type: ignore[attr-defined]
    assert after["storage"]["state"] == "ok"  # type: ignore[index]
    counters = assert_delivered_once(sender, receiver, study_uid, sops)
    still_serving(topo, sender, receiver, engines)
    row: dict[str, object] = {
        "fault": what, "free_mb_before": leave_mb, "free_mb_while_paused": free_while_paused,
        "paused_after_seconds": round(paused_after, 1), "completed_seconds_after_space_freed": round(resumed_after, 1),
        "sender_status_while_paused": f"{out['state']}: {out['reason']}",
        "receiver_status_while_paused": f"{inn['state']}: {inn['reason']}" if inn else "no incoming transfer",
        "receiver_alarms_while_paused": receiver_alarms,
        "chunks_journaled_while_paused": int(journaled[0]["n"] or 0) if journaled else 0, **counters,
    }
    measurements.append(row)
    print("\n  " + json.dumps(row, sort_keys=True))
    return row


def test_offer_refused_below_min_free_then_completes(hosts: tuple[Host, Host], topology: Topology,
                                                     measurements: list[dict[str, object]]) -> None:
    set_settings(hosts[1].site.home, min_free_mb=8)
    with running(*hosts, topo=topology) as engines:
        row = paused_then_resumed(topology, hosts, engines, 951, leave_mb=20, expect="storage full",
                                  what="receiver disk below min_free_mb at the offer (20 MiB free, 25 MB study)",
                                  measurements=measurements)
    assert row["chunks_journaled_while_paused"] == 0
    assert row["offers"] == [row["chunks"]]


def test_enospc_mid_transfer_then_completes(hosts: tuple[Host, Host], topology: Topology,
                                            measurements: list[dict[str, object]]) -> None:
    set_settings(hosts[1].site.home, min_free_mb=0)
    with running(*hosts, topo=topology) as engines:
        row = paused_then_resumed(topology, hosts, engines, 952, leave_mb=10, expect="storage full",
                                  what="receiver spool filesystem full (ENOSPC) mid-transfer "
                                       "(10 MiB free, 25 MB study)",
                                  measurements=measurements)
        assert 0 < int(row["chunks_journaled_while_paused"]) < int(row["chunks"])  # type: ignore[call-overload]
        assert "paused: receiver storage full" in str(row["receiver_status_while_paused"]), row
        # Only what was missing crossed the wire again.
        assert row["offers"][-1] == int(row["chunks"]) - int(row["chunks_journaled_while_paused"])  # type: ignore[index, call-overload]
        # The engine still takes a second study once there is room.
        sender, receiver = hosts
        small = study(953, instances=6, size=128)
        small_uid, small_sops = study_uids(small)
        send_study(sender, receiver, small)
        wait_done(sender, receiver, small_uid, timeout=60)
        assert_delivered_once(sender, receiver, small_uid, small_sops)


def test_receiver_reports_its_full_disk_in_status(hosts: tuple[Host, Host], topology: Topology) -> None:
    sender, receiver = hosts
    set_settings(receiver.site.home, min_free_mb=8)
    filler = fill(receiver.site.home / "spool", leave_mb=4)
    try:
        with running(*hosts, topo=topology):
            files = study(954, instances=6, size=128)
            study_uid, _ = study_uids(files)
            send_study(sender, receiver, files)
            wait_for(lambda: FULL in str(status_of(sender.site, study_uid, "out").get("reason", "")),
                     timeout=60, interval=0.3, what="the sender to see the full disk")
            report = status(receiver.site)
            incoming = status_of(receiver.site, study_uid, "in")
            seen = " ".join([*map(str, report["alarms"]), str(incoming.get("reason", ""))])  # type: ignore[call-overload]
            storage = report["storage"]
            filler.unlink()
            wait_done(sender, receiver, study_uid, timeout=90)
            cleared = status(receiver.site)
    finally:
        filler.unlink(missing_ok=True)
    assert FULL in seen, f"receiver status shows nothing about its disk: {seen!r}"
    assert storage["state"] == "disk_full" and storage["spool_free_mb"] < 8, storage  # type: ignore[index, operator]
    assert not any(FULL in str(a) for a in cleared["alarms"]), cleared["alarms"]  # type: ignore[attr-defined]
    assert cleared["storage"]["state"] == "ok"  # type: ignore[index]
    log_text = "".join(p.read_text(errors="replace") for p in (receiver.site.home / "logs").glob("*.log*"))
    assert FULL in log_text and "space is back" in log_text
