"""The demo network: two site homes made with the real code paths, one operator, one signed directory.

    network = build_network(demo_home, pacs_a_node, pacs_b_node)

creates (after clearing an earlier demo in the same folder):

* ``liege/``: "CHU de Liège", the sender: its PACS, a routing rule "referring physician on Citadelle's
  list in the directory" towards CHR Citadelle, a routing cycle every second;
* ``citadelle/``: "CHR Citadelle", the receiver: its PACS, local issuer "CHR", new_patient_policy
  "automatic" (an unknown patient becomes a new local record without a person);
* ``network/``: the demo operator key, the directory draft and the signed directory, whose Citadelle entry
  lists the referring physician. Both sites pin the operator root and install the signed directory.

A folder is only ever cleared when it holds the demo marker (or the single-site demo of earlier
versions); anything else is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from appliance.directory import operator
from appliance.domain import DicomNode
from appliance.errors import BadInput, ConfigError
from appliance.service import directory_commands, rules_commands, sites
from appliance.service.demo_pacs import stop_leftover
from appliance.service.demo_studies import REFERRING
from appliance.service.engine import running_pid
from appliance.service.ports import free_port
from appliance.service.settings import SETTINGS_FILE, Settings, load_settings
from appliance.service.site import Site, init_site
from appliance.store.routing import RoutingStore
from appliance.store.state import StateStore

MARKER = "passerelle-demo.json"
SENDER, RECEIVER = "CHU de Liège", "CHR Citadelle"
OLD_DEMO_ENTRIES = {SETTINGS_FILE, "keys", "spool", "quarantine", "logs", "trust", "engine.pid", "state.sqlite",
                    "state.sqlite-wal", "state.sqlite-shm"}


@dataclass(frozen=True)
class DemoNetwork:
    """The two demo sites and where everything lives."""

    home: Path
    sender: Site
    receiver: Site

    @property
    def studies_dir(self) -> Path:
        return self.home / "studies"

    @property
    def patients_csv(self) -> Path:
        return self.home / "network" / "citadelle-patients.csv"


def _is_old_demo(home: Path) -> bool:
    """The single-site demo of earlier versions (CHR Citadelle, AET CITADELLE) and nothing else."""
    if not (home / SETTINGS_FILE).exists() or not {p.name for p in home.iterdir()} <= OLD_DEMO_ENTRIES:
        return False
    try:
        settings = load_settings(home)
    except ConfigError:
        return False
    return settings.site_name == RECEIVER and settings.aet == "CITADELLE"


def _stop_left_engine(site_home: Path) -> None:
    """Stop the sender's `serve` an interrupted demo left behind; refuse when another demo still runs here."""
    pid = running_pid(site_home)
    if pid is None or pid == os.getpid():
        return
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        args = []
    if b"serve" in args and str(site_home).encode() in args:
        os.kill(pid, signal.SIGTERM)
        for _ in range(200):
            if running_pid(site_home) is None:
                return
            time.sleep(0.1)
    raise ConfigError(f"a demo is still running in {site_home.parent} (pid {pid}): close it first")


def clear_home(home: Path) -> None:
    """Empty a demo folder from an earlier run; refuse a folder that is not a demo's."""
    if not home.exists():
        return
    if not home.is_dir():
        raise BadInput(f"{home} is not a folder")
    entries = list(home.iterdir())
    if not entries:
        return
    if not (home / MARKER).exists() and not _is_old_demo(home):
        raise BadInput(f"{home} is not empty and is not a demo folder: choose a new folder with --home")
    for site_home in (home / "liege", home / "citadelle", home):
        _stop_left_engine(site_home)
    for pacs in ("pacs-liege", "pacs-citadelle"):
        stop_leftover(home / pacs)
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _settings(home: Path, name: str, aet: str, pacs: DicomNode, **extra: object) -> Settings:
    return Settings(home=home, site_name=name, aet=aet, dicom_port=free_port(), http_port=free_port(),
                    bind_host="127.0.0.1", pacs=pacs, min_free_mb=64).with_changes(**extra)


def build_network(home: Path, pacs_a: DicomNode, pacs_b: DicomNode) -> DemoNetwork:
    """Clear `home` if it holds an earlier demo, then create both sites, the directory and the rule."""
    clear_home(home)
    home.mkdir(parents=True, exist_ok=True)
    (home / MARKER).write_text(json.dumps({"demo": "passerelle", "sites": ["liege", "citadelle"]}) + "\n")
    sender = init_site(_settings(home / "liege", SENDER, "LIEGE", pacs_a, routing_interval_s=1,
                                 routing_look_back_days=7, routing_debounce_s=0.5))
    receiver = init_site(_settings(home / "citadelle", RECEIVER, "CITADELLE", pacs_b, local_issuer="CHR",
                                   new_patient_policy="automatic"))
    network = home / "network"
    network.mkdir()
    root_key = operator.create_operator_key(network / "operator.key")
    draft, signed = network / "directory-draft.json", network / "directory.json"
    for site, referring in ((sender, []), (receiver, [REFERRING])):
        entry = network / f"{site.settings.home.name}.json"
        entry.write_text(json.dumps(site.identity() | {"referring_physicians": referring}, ensure_ascii=False))
        operator.add_site(draft, entry)
    operator.sign(draft, network / "operator.key", 30, signed)
    for site in (sender, receiver):
        directory_commands.pin_root_key(site.settings.home, root_key)
        directory_commands.install_from(site.settings.home, str(signed))
    state = StateStore(sender.settings.db_path)
    try:
        rules_commands.add_rule(RoutingStore(state.database), RECEIVER, lambda text: sites.resolve_site(sender, text),
                                referring_from_directory=True, name="Dr Renard's patients go to CHR Citadelle")
    finally:
        state.close()
    return DemoNetwork(home, sender, receiver)
