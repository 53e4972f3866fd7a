"""Transfer settings with real appliances: the bandwidth cap, an HTTP proxy, an expired directory."""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest

from appliance.directory import operator, trust
from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import SiteHome, make_pair, send, serve, status, transfer, wait_for
from tests.integration.http_proxy import ForwardProxy

pytestmark = pytest.mark.timeout(180)


def set_setting(site: SiteHome, key: str, value: str) -> None:
    path = site.home / "settings.toml"
    text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")


def seconds_on_the_wire(a: SiteHome, b: SiteHome) -> float:
    """From the receiver accepting the offer to the sender storing the receipt."""
    return (datetime.fromisoformat(str(transfer(a, "out")["updated_at"]))
            - datetime.fromisoformat(str(transfer(b, "in")["created_at"]))).total_seconds()


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteHome, SiteHome]:
    return make_pair(tmp_path_factory.mktemp("options-pair"))


def test_bandwidth_cap_slows_the_sender_to_the_setting(pair: tuple[SiteHome, SiteHome]) -> None:
    a, b = pair
    files = cached_study(StudySpec(instances=12, rows=512, columns=512, seed=41, patient_id="SYN-OPT-BW"))
    size = sum(p.stat().st_size for p in files)
    set_setting(a, "bandwidth_limit_kbps", "16000")  # 2 MB/s, with a 2 MB burst
    try:
        with serve(a), serve(b):
            send(a, files, to=b.name)
            wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
    finally:
        set_setting(a, "bandwidth_limit_kbps", "0")
    elapsed = seconds_on_the_wire(a, b)
    assert size > 6_000_000
    assert elapsed >= (size - 2_000_000) / 2_000_000 * 0.9, f"{size} bytes in {elapsed:.2f} s beats the cap"


def test_transfer_goes_through_the_configured_proxy(pair: tuple[SiteHome, SiteHome]) -> None:
    a, b = pair
    files = cached_study(StudySpec(instances=4, rows=64, columns=64, seed=42, patient_id="SYN-OPT-PX"))
    with ForwardProxy().running() as proxy:
        set_setting(a, "proxy_url", f'"http://127.0.0.1:{proxy.port}"')
        try:
            with serve(a), serve(b):
                send(a, files, to=b.name)
                wait_for(lambda: transfer(a, "out").get("state") == "done", timeout=60)
        finally:
            set_setting(a, "proxy_url", '""')
    assert "/psl1/hello" in proxy.requests and "/psl1/chunks" in proxy.requests and proxy.chunks_carried == 4


def test_expired_directory_stops_new_outgoing_transfers(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A directory expired beyond its grace: the study stays queued, with the reason in `status --json`."""
    root = tmp_path_factory.mktemp("expired-pair")
    a, b = make_pair(root)
    past = time.time() - 3 * 86400  # a 1-day directory signed 3 days ago: expired, and its 24 h grace over
    operator.sign(root / "dir.json", root / "op.key", 1, root / "old.json", now=past)
    trust.install(a.home / "trust", (root / "old.json").read_bytes(), now=past + 60)
    files = cached_study(StudySpec(instances=2, rows=32, columns=32, seed=43, patient_id="SYN-OPT-EXP"))
    with serve(a), serve(b):
        send(a, files, to=b.name)
        shown = wait_for(lambda: [t for t in status(a)["transfers"] if "expired" in t["reason"]],  # type: ignore[union-attr]
                         timeout=20, what="the expiry reason")
    assert shown[0]["state"] == "queued"  # type: ignore[index]
    assert transfer(b, "in") == {}
