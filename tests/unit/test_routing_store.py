"""Routing state: rules CRUD, routed bookkeeping, stored summaries; the rules CLI spec; pre-filter relaxing."""

import argparse
from datetime import date
from pathlib import Path

import pytest

from appliance.domain import InstanceRef
from appliance.errors import BadInput
from appliance.routing.rules import Criteria, Rule, StudySummary
from appliance.service import rules_commands
from appliance.service.pacs_push import RetryPolicy, split_evenly
from appliance.service.scheduler import candidate_sites
from appliance.store.routing import RoutingStore
from appliance.store.state import StateStore, StudyAttributes

TODAY = date(2026, 11, 23)


@pytest.fixture
def stores(tmp_path: Path):
    state = StateStore(tmp_path / "s.sqlite")
    yield state, RoutingStore(state.database)
    state.close()


def ref(n: int, series: str = "1.2.3.1", study: str = "1.2.3") -> InstanceRef:
    return InstanceRef(study_uid=study, series_uid=series, sop_instance_uid=f"{series}.{n}",
                       sop_class_uid="1.2.840.10008.5.1.4.1.1.2", path=f"studies/{study}/{n}.dcm",
                       size=10, sha256="ab" * 32)


def test_rules_are_added_listed_disabled_and_removed(stores) -> None:
    _, routing = stores
    first = routing.add_rule("site-b", Criteria(referring_from_directory=True), name="to B")
    second = routing.add_rule("site-c", Criteria(modalities=("CT",), max_age_days=7))
    assert [r.id for r in routing.rules()] == [first.id, second.id]
    assert routing.rule(first.id) == first
    assert routing.set_enabled(first.id, False)
    assert [r.id for r in routing.rules(enabled_only=True)] == [second.id]
    assert routing.rule(first.id) == Rule("site-b", first.criteria, "to B", first.id, enabled=False)
    assert routing.remove_rule(second.id)
    assert not routing.remove_rule(second.id)
    assert not routing.set_enabled(999, True)
    assert [r.id for r in routing.rules()] == [first.id]


@pytest.mark.parametrize("site, criteria, message", [
    ("", Criteria(modalities=("CT",)), "destination"),
    ("site-b", Criteria(), "at least one criterion"),
    ("site-b", Criteria(modalities=("CT",), max_age_days=-1), "max-age-days"),
])
def test_bad_rules_are_refused(stores, site: str, criteria: Criteria, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        stores[1].add_rule(site, criteria)


def test_routed_series_and_transfer_series(stores) -> None:
    state, routing = stores
    for n in range(3):
        state.record_instance(ref(n, "1.2.3.1"), StudyAttributes(), "scp")
    transfer_id, created = state.queue_outgoing("site-b", "1.2.3")
    assert created
    assert routing.transfer_series(transfer_id) == {"1.2.3.1"}
    assert routing.record_routed("1.2.3", "site-b", ["1.2.3.1"], transfer_id) == 1
    assert routing.record_routed("1.2.3", "site-b", ["1.2.3.1"], transfer_id) == 0
    state.record_instance(ref(9, "1.2.3.2"), StudyAttributes(), "scp")
    addition, created = state.queue_outgoing("site-b", "1.2.3")
    assert created and routing.transfer_series(addition) == {"1.2.3.2"}
    routing.record_routed("1.2.3", "site-b", routing.transfer_series(addition), addition)
    assert routing.routed_series("1.2.3", "site-b") == {"1.2.3.1", "1.2.3.2"}
    assert routing.routed_sites("1.2.3") == {"site-b"}
    assert [r["transfer_id"] for r in routing.routed_rows("1.2.3")] == [transfer_id, addition]


def test_stored_summary_gathers_series_attributes(stores) -> None:
    state, routing = stores
    assert routing.stored_summary("9.9") is None
    attrs = StudyAttributes(referring="DR^WHO", description="CT THORAX", study_date="20261120", modality="CT",
                            institution="", station="")
    state.record_instance(ref(1, "1.2.3.1"), attrs, "scp")
    state.record_instance(ref(2, "1.2.3.2"), StudyAttributes(modality="SR", institution="CHR", station="CT01"), "scp")
    summary, origin, count = routing.stored_summary("1.2.3") or (None, "", 0)
    assert summary == StudySummary("1.2.3", "DR^WHO", ("CT", "SR"), "CT THORAX", "CHR", "CT01", "20261120")
    assert (origin, count) == ("local", 2)


@pytest.mark.parametrize("criteria, study, expected", [
    (Criteria(station="CT*"), StudySummary("1", station=""), {"b"}),         # unknown at query time
    (Criteria(station="CT*"), StudySummary("1", station="MR1"), set()),      # known and wrong
    (Criteria(referring=("DR^WHO",), institution="CHR*"), StudySummary("1", referring="Who^Dr"), {"b"}),
    (Criteria(referring=("DR^WHO",)), StudySummary("1", referring=""), set()),
    (Criteria(modalities=("CT",)), StudySummary("1", modalities=("MR",)), set()),
])
def test_candidates_relax_only_what_the_query_did_not_return(criteria, study, expected) -> None:
    assert candidate_sites([Rule("b", criteria)], study, {}, TODAY) == expected


def test_split_and_backoff() -> None:
    files = [Path(f"{n}.dcm") for n in range(10)]
    parts = split_evenly(files, 4)
    assert [len(p) for p in parts] == [3, 3, 2, 2] and [f for p in parts for f in p] == files
    assert split_evenly(files[:2], 4) == [[files[0]], [files[1]]]
    policy = RetryPolicy(first_delay_s=1, max_delay_s=10, jitter=0)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5, 9)] == [1, 2, 4, 8, 10, 10]


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true")
    top = argparse.ArgumentParser()
    rules_commands.add_parser(top.add_subparsers(dest="command"), common)
    return top


def test_rules_cli_spec_parses_the_documented_forms() -> None:
    args = parser().parse_args(["rules", "add", "--site", "CHU B", "--referring-from-directory", "--referring",
                                "Dr Who", "--referring", "Lecter^H", "--modality", "CT", "--modality", "mr",
                                "--description", "CT*", "--institution", "CHR*", "--station", "CT0?",
                                "--max-age-days", "30"])
    assert (args.action, args.site, args.referring, args.modality) == ("add", "CHU B", ["Dr Who", "Lecter^H"],
                                                                      ["CT", "mr"])
    assert args.referring_from_directory and args.max_age_days == 30
    assert parser().parse_args(["rules", "remove", "3"]).rule_id == 3
    assert parser().parse_args(["rules", "list", "--json"]).json


def test_rules_commands_resolve_sites_and_normalise(stores) -> None:
    _, routing = stores
    resolve = {"CHU B": "site-b"}.__getitem__
    rule = rules_commands.add_rule(routing, "CHU B", resolve, referring=[" Dr Who ", ""], modalities=["ct", "CT"],
                                   description=" CT* ")
    assert rule.site == "site-b"
    assert rule.criteria == Criteria(referring=("Dr Who",), modalities=("CT",), description="CT*")
    assert rules_commands.describe(rule, {"site-b": "CHU B"}).startswith(f"#{rule.id} -> CHU B: ")
    assert rules_commands.rule_json(rule)["criteria"]["modalities"] == ["CT"]  # type: ignore[index]
    with pytest.raises(BadInput, match="modality"):
        rules_commands.add_rule(routing, "CHU B", resolve, modalities=["C T"])
    with pytest.raises(BadInput, match="criterion"):
        rules_commands.add_rule(routing, "CHU B", resolve)
    assert not rules_commands.enable_rule(routing, rule.id, False).enabled
    assert rules_commands.remove_rule(routing, rule.id) == Rule("site-b", rule.criteria, "", rule.id, False)
    with pytest.raises(BadInput, match="no routing rule #"):
        rules_commands.remove_rule(routing, rule.id)


def test_pushes_before_the_loop_is_attached_are_routed_once_it_is(stores) -> None:
    import asyncio

    from appliance.service.scheduler import RoutingScheduler

    state, routing = stores
    routing.add_rule("site-b", Criteria(modalities=("CT",)))
    state.record_instance(ref(1), StudyAttributes(modality="CT"), "scp")
    peer_study = ref(1, "9.9.1", study="9.9")
    state.record_instance(peer_study, StudyAttributes(modality="CT"), "peer", origin="site-z")
    scheduler = RoutingScheduler(state, routing, "PASSERELLE", debounce_s=0.05, today=lambda: TODAY)
    scheduler.on_instances_stored("1.2.3")
    scheduler.on_association_released(["9.9"])  # received from a peer: never routed onward

    async def scenario() -> None:
        scheduler.attach(asyncio.get_running_loop())
        for _ in range(100):
            if state.transfers():
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
        await scheduler.stop()

    asyncio.run(scenario())
    assert [(t.peer, t.study_uid) for t in state.transfers()] == [("site-b", "1.2.3")]
    assert routing.routed_sites("1.2.3") == {"site-b"} and routing.routed_sites("9.9") == set()
