"""Network faults during a ~25 MB transfer between two appliances in their own network namespaces.

Each test sends a fresh study (48 CT instances, 512x512) from the sender namespace through the router
namespace to the receiver namespace while the router misbehaves, then checks: every instance present
once with the sender's sha256, both sides `done` in `status --json`, the receipt stored, every chunk
journaled exactly once, and both engines still answering C-ECHO and HTTP. The measured numbers (time,
protocol offers and sessions, TCP retransmissions, packets dropped) go to the suite's summary.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.synthetic import StudySpec, cached_study
from tests.faults.netns import Topology
from tests.faults.sites import (
    HTTP_PORT,
    Engine,
    Host,
    assert_delivered_once,
    make_hosts,
    running,
    send_study,
    status_of,
    still_serving,
    study_uids,
    wait_done,
)
from tests.integration.appliance_proc import query, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.timeout(240)]
INSTANCES = 48


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory, topology: Topology) -> tuple[Host, Host]:
    return make_hosts(tmp_path_factory.mktemp("net-faults"), topology)


@pytest.fixture(scope="module")
def engines(hosts: tuple[Host, Host], topology: Topology) -> Iterator[list[Engine]]:
    with running(*hosts, topo=topology) as started:
        yield started


def study(seed: int) -> list[Path]:
    return cached_study(StudySpec(instances=INSTANCES, rows=512, columns=512, seed=seed,
                                  patient_id=f"SYN-FAULT-{seed}"))


def chunks_recorded(receiver: Host, study_uid: str) -> int:
    rows = query(receiver.site, """SELECT p.chunks_recorded AS n FROM transfers t JOIN peer_transfers p
                                   ON p.transfer_id = t.id WHERE t.direction = 'in' AND t.study_uid = ?""",
                 (study_uid,))
    return int(rows[0]["n"] or 0) if rows else 0


def transfer_under(fault: str, seed: int, topo: Topology, hosts: tuple[Host, Host], engines: list[Engine],
                   measurements: list[dict[str, object]], during: object = None, timeout: float = 150,
                   extra: dict[str, object] | None = None) -> dict[str, object]:
    sender, receiver = hosts
    files = study(seed)
    study_uid, sops = study_uids(files)
    retrans_before = topo.tcp_retransmissions(sender.namespace) + topo.tcp_retransmissions(receiver.namespace)
    send_study(sender, receiver, files)
    started = time.monotonic()
    if callable(during):
        during(study_uid)
    wait_done(sender, receiver, study_uid, timeout)
    elapsed = time.monotonic() - started
    dropped = topo.dropped()
    topo.clear_faults()
    counters = assert_delivered_once(sender, receiver, study_uid, sops)
    still_serving(topo, sender, receiver, engines)
    row: dict[str, object] = {
        "fault": fault, "seconds": round(elapsed, 1), **counters,
        "tcp_retransmissions": topo.tcp_retransmissions(sender.namespace)
        + topo.tcp_retransmissions(receiver.namespace) - retrans_before,
        "packets_dropped_by_nft": dropped, **(extra or {}),
    }
    measurements.append(row)
    print("\n  " + json.dumps(row, sort_keys=True))
    return row


def test_baseline_clean_link(clean_link: Topology, hosts: tuple[Host, Host], engines: list[Engine],
                             measurements: list[dict[str, object]]) -> None:
    row = transfer_under("none (baseline)", 901, clean_link, hosts, engines, measurements)
    assert row["offers"] == [row["chunks"]]


@pytest.mark.parametrize("percent", [7])
def test_random_packet_loss(percent: int, clean_link: Topology, hosts: tuple[Host, Host], engines: list[Engine],
                            measurements: list[dict[str, object]]) -> None:
    clean_link.drop_random(HTTP_PORT, percent)
    row = transfer_under(f"packet loss {percent}% both directions (nft numgen)", 902, clean_link, hosts, engines,
                         measurements)
    assert int(row["packets_dropped_by_nft"]) > 0, "the loss rule never fired"  # type: ignore[call-overload]
    assert int(row["tcp_retransmissions"]) > 0  # type: ignore[call-overload]


def test_link_down_then_up(clean_link: Topology, hosts: tuple[Host, Host], engines: list[Engine],
                           measurements: list[dict[str, object]]) -> None:
    sender, receiver = hosts
    clean_link.slow_link("60mbit")  # long enough a transfer to cut it in the middle
    cut: dict[str, object] = {}

    def during(study_uid: str) -> None:
        wait_for(lambda: chunks_recorded(receiver, study_uid) >= 4, timeout=60, interval=0.05,
                 what="the first chunks")
        clean_link.link_down()
        cut["chunks_before_cut"] = chunks_recorded(receiver, study_uid)
        time.sleep(5)
        cut["receiver_state_while_down"] = status_of(receiver.site, study_uid, "in").get("state")
        cut["sender_state_while_down"] = status_of(sender.site, study_uid, "out").get("state")
        cut["chunks_after_cut"] = chunks_recorded(receiver, study_uid)
        clean_link.link_up()

    row = transfer_under("link down 5 s then up (ip link set down/up, 60 mbit tbf)", 903, clean_link, hosts,
                         engines, measurements, during=during, extra=cut)
    assert cut["receiver_state_while_down"] == "receiving"
    assert cut["sender_state_while_down"] == "sending"
    assert int(row["chunks"]) > int(cut["chunks_before_cut"])  # type: ignore[call-overload]


def test_slow_link(clean_link: Topology, hosts: tuple[Host, Host], engines: list[Engine],
                   measurements: list[dict[str, object]]) -> None:
    rate_mbit = 24
    clean_link.slow_link(f"{rate_mbit}mbit")
    row = transfer_under(f"slow link {rate_mbit} mbit/s (tbf)", 904, clean_link, hosts, engines, measurements)
    floor = int(row["bytes"]) * 8 / (rate_mbit * 1e6)  # type: ignore[call-overload]
    assert float(row["seconds"]) >= 0.8 * floor, "the tbf qdisc did not slow the link"  # type: ignore[arg-type]
    row["line_rate_floor_seconds"] = round(floor, 1)


def test_added_latency_through_delaying_proxy(clean_link: Topology, hosts: tuple[Host, Host], engines: list[Engine],
                                              measurements: list[dict[str, object]], tmp_path: Path) -> None:
    delay_ms = 60
    stats = tmp_path / "proxy.json"
    clean_link.delay_through_proxy(HTTP_PORT, delay_ms, stats)
    proxied: dict[str, object] = {}

    def during(study_uid: str) -> None:
        wait_done(hosts[0], hosts[1], study_uid, 150)
        time.sleep(1.0)  # the proxy writes its counters twice a second
        proxied.update(json.loads(stats.read_text()))

    row = transfer_under(f"{delay_ms} ms each way (asyncio delaying proxy in the router)", 905, clean_link, hosts,
                         engines, measurements, during=during,
                         extra={"proxy": proxied})
    assert int(proxied.get("bytes", 0)) >= int(row["bytes"]), "the transfer did not go through the proxy"  # type: ignore[call-overload]
