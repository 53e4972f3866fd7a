"""`passerelle demo`: two hospitals on one machine, three studies, three endings (window or terminal).

CHU de Liège sends to CHR Citadelle. Each has its PACS (Orthanc when installed, otherwise a clearly
labelled stand-in archive). A modality pushes three studies into Liège's PACS; Liège's routing rule
(referring physician on Citadelle's list in the signed directory) retrieves and sends them with no
human action; Citadelle reconciles each patient against its index (imported from CSV):

* one patient is linked automatically and the study lands in Citadelle's PACS under the local id;
* one waits in the reconciliation window (twins with the same name and birth date);
* one is unknown at Citadelle: its `new_patient_policy` ("automatic" in the demo) gives it a new local
  id and the study is stored.

Liège's engine runs as a `passerelle serve` subprocess; Citadelle's engine runs in this process and,
with a display, its window opens on the reconciliation page with the waiting case selected. Headless,
the demo exits 0 once the three studies reached their endings, 1 with one line otherwise.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from appliance.dicom import scu
from appliance.domain import DicomNode
from appliance.errors import ConfigError
from appliance.service.demo_pacs import DemoPacs, start_pacs, stop_process
from appliance.service.demo_sites import RECEIVER, SENDER, DemoNetwork, build_network
from appliance.service.demo_story import DemoFailed, DemoStory, StudyProgress
from appliance.service.demo_studies import STUDIES, write_patient_csv, write_studies
from appliance.service.engine import Engine
from appliance.service.logs import configure_logging
from appliance.service.ports import free_port
from appliance.service.site import Site
from appliance.store.state import StateStore

DEFAULT_TIMEOUT_S = 120.0
PROOF_PNG = "review-window.png"
MODALITY_AET = "DEMO-CT"
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def say(text: str) -> None:
    print(f"[demo] {text}", flush=True)


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def start_sender(site: Site) -> subprocess.Popen[bytes]:
    """Liège's engine as its own `passerelle serve` process (its logs go to its own site folder)."""
    home = site.settings.home
    out = open(home / "serve.out", "ab")
    try:
        process = subprocess.Popen([sys.executable, "-m", "appliance.cli", "serve", "--home", str(home)],
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    finally:
        out.close()
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                raise DemoFailed(f"{SENDER}'s engine exited with {process.returncode}: see {home / 'serve.out'}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", site.settings.http_port)) == 0:
                    return process
            if time.monotonic() > deadline:
                raise DemoFailed(f"{SENDER}'s engine did not start within 60 s: see {home / 'serve.out'}")
            time.sleep(0.1)
    except BaseException:
        stop_process(process)
        raise


def load_window_module() -> ModuleType:
    try:
        return importlib.import_module("ui.app")
    except ImportError as exc:
        raise ConfigError(f"the desktop application is not installed ({exc.name}); use --headless") from exc


@dataclass(frozen=True)
class RunningDemo:
    """Both sites running, the three studies at their endings."""

    network: DemoNetwork
    engine: Engine
    pacs_a: DemoPacs
    pacs_b: DemoPacs
    progress: dict[str, StudyProgress]

    @property
    def review_transfer(self) -> str:
        """Citadelle's incoming transfer whose patient waits in the reconciliation window."""
        return str(self.progress["review"].inn.get("id", ""))


@contextmanager
def running_demo(home: Path, pacs: str = "auto", timeout: float = DEFAULT_TIMEOUT_S, verbose: bool = False,
                 logs: bool = True) -> Iterator[RunningDemo]:
    """Build the network, start both PACS and both engines, tell the story; stop everything on exit.

    `logs`: configure this process's logging into Citadelle's log folder (entry points; tests say False)."""
    pacs_a_node = DicomNode("PACS-LIEGE", "127.0.0.1", free_port())
    pacs_b_node = DicomNode("PACS-CITADELLE", "127.0.0.1", free_port())
    network = build_network(home, pacs_a_node, pacs_b_node)
    if logs:
        configure_logging(network.receiver.settings.log_dir, verbose)
    say(f"two hospitals in {home}: {SENDER} (liege/) sends to {RECEIVER} (citadelle/)")
    say("one demo operator key signed a directory listing both; each site pinned it and installed the directory")
    with ExitStack() as stack:
        sender_settings = network.sender.settings
        pacs_a = start_pacs(home / "pacs-liege", pacs_a_node,
                            {sender_settings.aet: ("127.0.0.1", sender_settings.dicom_port)}, pacs)
        stack.callback(pacs_a.stop)
        pacs_b = start_pacs(home / "pacs-citadelle", pacs_b_node, {}, pacs)
        stack.callback(pacs_b.stop)
        say(f"{SENDER} {pacs_a.name}: {pacs_a.label}")
        say(f"{RECEIVER} {pacs_b.name}: {pacs_b.label}")
        sender = start_sender(network.sender)
        stack.callback(stop_process, sender)
        engine = Engine(network.receiver)
        engine.start()
        stack.callback(engine.stop)
        say(f"engines running: {SENDER} (subprocess {sender.pid}), {RECEIVER} (this process)")
        progress = tell_story(network, engine, pacs_a, pacs_b, timeout)
        yield RunningDemo(network, engine, pacs_a, pacs_b, progress)


def run_demo(home: Path, headless: bool, verbose: bool = False, pacs: str = "auto",
             timeout: float = DEFAULT_TIMEOUT_S) -> int:
    home = Path(home).resolve()
    if not headless and not has_display():
        say("no display found: telling the story in the terminal (--headless)")
        headless = True
    window = None if headless else load_window_module()
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the proof picture never opens a window
    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    for signum in STOP_SIGNALS:  # stopped from outside: still stop Orthanc and Liège's engine on the way out
        signal.signal(signum, _interrupt)
    try:
        with running_demo(home, pacs, timeout, verbose) as demo:
            if window is None:
                snapshot(demo, home / PROOF_PNG)
                return 0
            say(f"opening {RECEIVER}'s window on the reconciliation page; close it to end the demo")
            code: int = window.show_demo_window(demo.engine, demo.review_transfer, demo.pacs_b.kind == "stand-in")
            return code
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0


def snapshot(demo: RunningDemo, png: Path) -> None:
    """Headless: Citadelle's window rendered offscreen on the waiting case, as a picture (when Qt is here)."""
    if importlib.util.find_spec("PySide6") is None:
        return
    try:
        window = load_window_module()
        done = window.snapshot_demo_window(demo.engine, demo.review_transfer, png, demo.pacs_b.kind == "stand-in")
    except Exception as exc:  # a picture is a bonus: the story is told and checked already
        say(f"no picture of the window ({type(exc).__name__}: {exc})")
        return
    if done:
        say(f"{RECEIVER}'s reconciliation window, as a secretary would see it now: {png}")


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def tell_story(network: DemoNetwork, engine: Engine, pacs_a: DemoPacs, pacs_b: DemoPacs,
               timeout: float) -> dict[str, StudyProgress]:
    """Seed Citadelle's index, push the studies into Liège's PACS, follow them to their endings."""
    csv_path = write_patient_csv(network.patients_csv)
    count = engine.call(engine.import_patients(csv_path, "demo")).result(timeout=30)
    say(f"{RECEIVER} imported its patient index from CSV: {count} patients (new_patient_policy: automatic)")
    say(f"{SENDER} routing rule: referring physician on {RECEIVER}'s list in the directory -> {RECEIVER}")
    files = write_studies(network.studies_dir)
    uids: dict[str, str] = {}
    for study in STUDIES:
        scu.store_files(pacs_a.node, MODALITY_AET, files[study.key])
        uids[study.key] = read_study_uid(files[study.key][0])
        say(f"the CT pushed {len(files[study.key])} images of {study.display_name} ({study.description}) "
            f"into {SENDER}'s PACS; expected: {study.ending}")
    sender_store = StateStore(network.sender.settings.db_path)
    try:
        story = DemoStory(
            {s.key: (s, uids[s.key]) for s in STUDIES},
            sender=lambda: [t.as_json() for t in sender_store.transfers()],
            receiver=lambda: receiver_transfers(engine),
            pacs_b=pacs_b.node, say=say)
        progress = story.wait(timeout)
    finally:
        sender_store.close()
    summarise(network, progress, time.monotonic() - story.started, pacs_b.name)
    return progress


def receiver_transfers(engine: Engine) -> list[dict[str, object]]:
    status = engine.call(engine.status()).result(timeout=30)
    transfers = status.get("transfers", [])
    return list(transfers) if isinstance(transfers, list) else []


def read_study_uid(path: Path) -> str:
    from pydicom import dcmread

    return str(dcmread(path, stop_before_pixels=True, specific_tags=["StudyInstanceUID"]).StudyInstanceUID)


def summarise(network: DemoNetwork, progress: dict[str, StudyProgress], elapsed: float, pacs_name: str) -> None:
    linked, review, unknown = progress["linked"], progress["review"], progress["unknown"]
    say(f"the three studies reached their endings in {elapsed:.1f} s:")
    say(f"  {linked.study.display_name:<14} linked automatically to {RECEIVER}'s record {linked.pacs_patient_id}; "
        f"{linked.pacs_count} instances in its {pacs_name}")
    reason = str(review.inn.get("reason", "")).split(": ", 1)[-1]
    say(f"  {review.study.display_name:<14} waits in the reconciliation window ({reason})")
    say(f"  {unknown.study.display_name:<14} unknown at {RECEIVER}: new_patient_policy 'automatic' gave it the new "
        f"local id {unknown.pacs_patient_id}; {unknown.pacs_count} instances in its {pacs_name}")
    say(f"see for yourself: passerelle status --home {network.receiver.settings.home}")
