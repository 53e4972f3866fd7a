"""The fault suite (tests/faults/): opt-in, because it needs root, network namespaces and minutes.

    PASSERELLE_FAULTS=1 .venv/bin/python -m pytest -q tests/faults

Without PASSERELLE_FAULTS=1 every test here is skipped, so `make test` (testpaths = tests) stays fast;
the lead decides whether `.ci/run` sets it. Every test here carries the `faults` marker
(`-m faults` / `-m "not faults"`). Measurements are printed at the end of the run and, when
PASSERELLE_FAULTS_REPORT names a file, written there as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.netns import Topology

HERE = Path(__file__).resolve().parent
ENABLED = os.environ.get("PASSERELLE_FAULTS") == "1"
MEASUREMENTS: list[dict[str, object]] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "faults: fault-injection suite (tests/faults, needs PASSERELLE_FAULTS=1)")


def _missing_requirement(needs_root: bool) -> str:
    if not ENABLED:
        return "fault suite: set PASSERELLE_FAULTS=1 to run it"
    if not needs_root:
        return ""
    if os.geteuid() != 0:
        return "fault suite: needs root (network namespaces, nftables, loop mounts)"
    for tool in ("ip", "nft", "tc", "mkfs.ext4", "losetup"):
        if shutil.which(tool) is None:
            return f"fault suite: {tool} not installed (packaging/system-deps.sh)"
    return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE not in Path(str(item.path)).parents:
            continue
        item.add_marker(pytest.mark.faults)
        reason = _missing_requirement(needs_root=not item.path.name.startswith("test_fuzz"))
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def measurements() -> list[dict[str, object]]:
    """Tests append one dict per measured fault; printed in the summary and saved if asked."""
    return MEASUREMENTS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not MEASUREMENTS:
        return
    terminalreporter.section("fault suite measurements")
    for row in MEASUREMENTS:
        terminalreporter.write_line(json.dumps(row, sort_keys=True))
    target = os.environ.get("PASSERELLE_FAULTS_REPORT")
    if target:
        Path(target).write_text(json.dumps(MEASUREMENTS, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def topology() -> Iterator[Topology]:
    """Sender, router and receiver namespaces; deleted (with everything in them) even when a test fails."""
    topo = Topology()
    try:
        yield topo.build()
    finally:
        topo.close()


@pytest.fixture
def clean_link(topology: Topology) -> Iterator[Topology]:
    """A test's faults never outlive it: nftables table, qdisc, link state and proxy are reset after it."""
    topology.clear_faults()
    try:
        yield topology
    finally:
        topology.clear_faults()
