"""Engine reasons (transfer states, directory alarms, probes) are shown translated; unknown ones as they are."""

import re
from pathlib import Path

import pytest

from appliance.reconcile import matcher, vetoes
from appliance.service import disk_alarm, sites
from appliance.service.spool_retention import stale_reason
from appliance.service.transfer_receiver import ABANDONED_REASON, RECEIVED_REASON
from appliance.transport.server import STORAGE_FULL, STORAGE_TROUBLE
from ui import i18n
from ui.reasons import is_known, reason_text
from ui.transfers_page import state_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [  # as the engine writes them (see the modules named in each comment)
    RECEIVED_REASON,  # transfer_receiver
    "delivered: signed receipt stored",  # store.transfers
    "retrying: ClientConnectorError talking to https://pacs-gw.chu-liege.be:8443/psl1/hello: Cannot connect",
    "retrying: the peer no longer knows this session",  # transport.client
    "retrying: site 3f9a answered the handshake with HTTP 503: this appliance has no valid directory installed",
    "waiting for a person to confirm the patient: NISS missing on one side; birth date identical",  # pipeline
    "storing into the PACS by C-STORE",  # pacs_push
    "PACS not reached or not complete (attempt 3): DicomPeerError: no answer; retry in 40 s",
    "reconciliation or PACS push failed: StorageError; files kept in the spool",
    "reconciled; no PACS configured to store into",
    "preparing the files for the PACS",
    "rejected at review: not stored in the PACS",
    "site 3f9a is no longer an unrevoked member of the directory",  # transfer_sender
    "instance 1.2.3.4 is no longer in the spool",
    "receiver still misses 12 chunks after 5 rounds",
    "no valid directory installed: run `passerelle directory install`",  # transfers
    "directory expired beyond its grace: new outgoing transfers are stopped",
    "internal error: KeyError",
    "cancelled by m.lambert",  # transfers page
    "no answer within 5 s",  # sites.PeerReachability
    "the directory lists no endpoint for this site",
    "answered HTTP 502 (a proxy or another server, not a Passerelle endpoint)",
    "directory refresh from https://annuaire.example.be/d.json failed: HTTP 404; the installed directory is kept",
    disk_alarm.PAUSED_REASON,  # incoming transfers while the receiver's disk is full
    disk_alarm.alarm_text(300 << 20, 512 << 20, 2 << 30),  # the alarm on the sites page
    STORAGE_FULL,  # transport.server: the 503 body a sender sees
    STORAGE_TROUBLE,
    f"retrying: chunk answered with HTTP 503: {STORAGE_FULL}",
    f"retrying: site 3f9a answered the handshake with HTTP 503: {STORAGE_TROUBLE}",
    "waiting for a person to confirm the patient: " + "; ".join(vetoes.ALL_VETOES[:3]),
    "operator root pinned (3 root key(s), threshold 2)",  # directory_commands.pin_root_key (wizard)
    "directory version 7: 4 sites",  # ui.app.service_trust
    ABANDONED_REASON,  # an incoming transfer its sender cancelled before it was whole
    stale_reason(7), stale_reason(0.5),  # spool_retention: one nothing came for
]
DECISION_REASONS = sorted({*vetoes.ALL_VETOES, *(value for name, value in vars(matcher).items()
                                                 if name.isupper() and isinstance(value, str))})
"""Why the engine asks a person: every safety veto and every link rule the matcher writes."""


@pytest.fixture(scope="module")
def french(qapp):
    i18n.compile_all()
    app = qapp
    translators = i18n.install_translators(app, "fr")
    yield
    for translator in translators:
        app.removeTranslator(translator)


@pytest.mark.parametrize("reason", SAMPLES)
def test_engine_reasons_are_translated(french, reason):
    assert is_known(reason)
    text = reason_text(reason, {"3f9a": "CHU de Liège"})
    assert text and text != reason
    assert "3f9a" not in text  # the site's name, not its id


@pytest.mark.parametrize("reason", DECISION_REASONS)
def test_every_decision_reason_is_translated(french, reason):
    assert is_known(reason)
    assert reason_text(reason) != reason


def test_storage_full_keeps_its_numbers(french):
    text = reason_text(disk_alarm.alarm_text(300 << 20, 512 << 20, 2 << 30))
    assert "300" in text and "2560" in text and "plein" in text
    nested = reason_text(f"retrying: chunk answered with HTTP 503: {STORAGE_FULL}")
    assert "503" in nested and "plein" in nested and "receiver" not in nested


def test_nested_reasons_and_values_are_kept(french):
    text = reason_text("waiting for a person to confirm the patient: NISS identical; sex different")
    assert text == "en attente de la confirmation du patient par une personne : NISS identique; sexe différent"
    assert "pacs-gw.chu-liege.be:8443" in reason_text(SAMPLES[2])
    assert "m.lambert" in reason_text("cancelled by m.lambert")
    assert state_text("failed", "cancelled by m.lambert") == "Échec — annulé par m.lambert"
    assert state_text("receiving", disk_alarm.PAUSED_REASON) == "Réception en pause : stockage plein"


def test_unknown_reasons_are_shown_as_they_are(french):
    assert reason_text("the moon is in the wrong phase") == "the moon is in the wrong phase"
    assert not is_known("the moon is in the wrong phase")


def test_every_literal_reason_in_the_engine_is_known():
    """Plain-string reasons the engine stores (state changes, give-ups, alarms) all have a translation."""
    calls = re.compile(r'(?:TransferState\.\w+,\s*|TransferGivenUp\()"([^"{]+)"')
    found = set()
    for path in (ROOT / "appliance").rglob("*.py"):
        found.update(calls.findall(path.read_text(encoding="utf-8")))
    found |= {RECEIVED_REASON}
    assert len(found) >= 5
    assert [r for r in found if not is_known(r)] == []
    directory_alarms = re.findall(r'return \["([^"]+)"\]', Path(sites.__file__).read_text(encoding="utf-8"))
    assert len(directory_alarms) >= 5 and all(is_known(a) for a in directory_alarms)
