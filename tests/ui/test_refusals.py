"""Refusals reach the user in the user's language: a review decision the engine refuses (a study naming more
than one patient can only be rejected), Retry on an incoming transfer that never arrived whole, every refusal
the window's commands can raise; an unknown refusal gets a translated frame around the engine's words."""

import importlib
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from appliance.domain import TransferState
from appliance.errors import BadInput, ConfigError, StorageError, UnknownSite
from appliance.service import review
from appliance.service.spool_retention import stale_reason
from appliance.service.transfer_receiver import ABANDONED_REASON
from appliance.store.transfers import IncomingFile, TransferJournal
from tests.ui import seed
from ui import i18n
from ui.errors import plain_sentence, says_why, sentence_and_cause
from ui.refusals import NEVER_ARRIVED_WHOLE, refusal_text
from ui.transfers_page import never_arrived_whole

ROOT = Path(__file__).resolve().parents[2]
MIXED_FR = ("Les fichiers de cet examen désignent plus d'un patient : tous les fichiers seraient enregistrés sous "
            "le dossier choisi, l'examen ne peut donc qu'être refusé ; demandez à l'hôpital expéditeur de le "
            "corriger.")
NEVER_WHOLE_FR = ("Cet envoi reçu n'est jamais arrivé en entier : il n'y a rien à enregistrer ; seul l'hôpital "
                  "expéditeur peut l'envoyer à nouveau.")
GUI_COMMANDS = (  # the modules whose refusals the window's commands can meet
    "appliance/service/review.py", "appliance/store/review.py", "appliance/service/pacs_search.py",
    "appliance/service/commands.py", "appliance/service/sites.py", "appliance/service/rules_commands.py",
    "appliance/store/routing.py", "appliance/store/state.py",
)
WITH_VALUES = [  # refusals with values, as the engine writes them
    "dates are YYYYMMDD, got '2026-11-20'",
    "the PACS sent 12 of the 40 images of the study: try again later",
    "no such file or folder: /media/cdrom/DICOMDIR",
    "nothing to send: no DICOM file found",
    "unknown site 'CHU X': no directory is installed on this appliance",
    "unknown site 'CHU X'; sites in the directory: CHU de Liège, AZ Sint-Jan Brugge",
    "no routing rule #4 (see `passerelle rules list`)",
    "the DICOMweb address must be an http:// or https:// address, got 'pacs.example.be'",
    "root set file /tmp/ROOTS.json not found",
    "no such directory file: /tmp/signed.json",
]


@pytest.fixture(scope="module")
def french(qapp):
    i18n.compile_all()
    translators = i18n.install_translators(qapp, "fr")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def error_box(qtbot, parent) -> QMessageBox:
    qtbot.waitUntil(lambda: bool(parent.findChildren(QMessageBox, "errorBox")), timeout=5000)
    return parent.findChildren(QMessageBox, "errorBox")[-1]


def test_a_refused_link_of_a_mixed_patient_study_is_explained_in_french(qtbot, french, window, engine):
    seed.seed_review(engine.store)
    engine.store.set_transfer_state("in-0", TransferState.REVIEW,
                                    review.WAITING_PREFIX + review.MIXED_PATIENTS)
    window.show_page("review")
    page = window.review
    page.refresh()
    qtbot.waitUntil(lambda: len(page.cases) == 3 and page.table.rowCount() > 1, timeout=5000)
    assert page.current_case().transfer_id == "in-0" and review.MIXED_PATIENTS in page.current_case().why
    page.table.selectRow(1)
    page.confirm()
    box = error_box(qtbot, page)
    assert box.text() == MIXED_FR
    assert box.windowTitle() == "Décision non enregistrée"
    assert review.MIXED_ONLY_REJECT in box.detailedText()  # the engine's words stay one click away
    box.close()
    assert len(review.pending_cases(engine.store)) == 3  # nothing decided


def test_retry_is_not_offered_for_an_incoming_transfer_that_never_arrived_whole(qtbot, french, window, engine):
    journal = TransferJournal(engine.store.database)
    files = [IncomingFile(0, "1.2.3.1", "1.2.3.1.1", 1000, "ab" * 32, 1, False)]
    for n, reason in enumerate((ABANDONED_REASON, stale_reason(7))):
        journal.create_incoming(f"partial-{n}", bytes([n]) * 16, str(seed.PEERS[0]["id"]), f"1.2.3.{n}", b"m",
                                b"k" * 32, files, 1, "hash")
        assert journal.abandon_incoming(f"partial-{n}", reason)  # what the receiver and the retention do
    window.show_page("transfers")
    page = window.transfers
    qtbot.waitUntil(lambda: sum(r["state"] == "failed" for r in page.model.rows) == 2, timeout=5000)
    for n, row in enumerate(page.model.rows):
        page.view.selectRow(n)
        assert never_arrived_whole(row)
        assert not page.retry_button.isEnabled()
        assert page.retry_button.toolTip() == NEVER_WHOLE_FR
    texts = sorted(page.model.index(n, 6).data() for n in range(2))
    assert texts == ["Échec — abandonné : rien n'est venu de l'hôpital expéditeur depuis 7 jours",
                     "Échec — annulé par l'hôpital expéditeur"]


def test_a_refused_retry_says_why_in_french(qtbot, french, window, engine):
    """A reason the window does not recognise: Retry is offered, the engine refuses, the window says why."""
    journal = TransferJournal(engine.store.database)
    files = [IncomingFile(0, "1.2.3.1", "1.2.3.1.1", 1000, "ab" * 32, 1, False)]
    journal.create_incoming("partial", b"p" * 16, str(seed.PEERS[0]["id"]), "1.2.3", b"m", b"k" * 32, files, 1, "h")
    assert journal.abandon_incoming("partial", "the sending site gave up for a reason of its own")
    window.show_page("transfers")
    page = window.transfers
    qtbot.waitUntil(lambda: len(page.model.rows) == 1, timeout=5000)
    page.view.selectRow(0)
    assert page.retry_button.isEnabled()
    page.retry_button.click()
    box = error_box(qtbot, page)
    assert box.text() == NEVER_WHOLE_FR and box.windowTitle() == "Envoi non modifié"
    box.close()
    assert next(t for t in engine.store.transfers() if t.id == "partial").state == "failed"


@pytest.mark.parametrize("message", [review.MIXED_ONLY_REJECT, NEVER_ARRIVED_WHOLE, *WITH_VALUES])
def test_refusals_are_translated(french, message):
    text = refusal_text(message)
    assert text and text != message
    assert says_why(BadInput(message)) and plain_sentence(BadInput(message))[0].isupper()


def test_values_are_kept_and_nested_reasons_translated(french):
    assert refusal_text(WITH_VALUES[0]) == "les dates s'écrivent AAAAMMJJ (et non '2026-11-20')"
    assert refusal_text(WITH_VALUES[3]) == "rien à envoyer : aucun fichier DICOM trouvé"
    assert "/media/cdrom/DICOMDIR" in refusal_text(WITH_VALUES[2])
    assert plain_sentence(UnknownSite("a study cannot be sent to this site itself")) == (
        "Un examen ne peut pas être envoyé à cet hôpital-ci.")


def test_an_unknown_refusal_is_framed_in_french_with_the_engines_words(french):
    error = BadInput("the moon is in the wrong phase")
    assert refusal_text(str(error)) is None
    assert plain_sentence(error) == ("Ceci n'a pas pu être fait avec les informations données. La passerelle "
                                     "répond (en anglais) : the moon is in the wrong phase")
    assert sentence_and_cause(error) == plain_sentence(error)  # said once, not twice
    other = StorageError("database is locked")
    assert sentence_and_cause(other) == plain_sentence(other) + "\ndatabase is locked"
    assert plain_sentence(UnknownSite("unknown site 'x'")).startswith("Cet hôpital ne figure pas")
    assert plain_sentence(ConfigError("no PACS is configured on this appliance: set it in the settings first")) == (
        "Aucun PACS n'est configuré sur cette passerelle : indiquez-le d'abord dans les Paramètres.")


def test_every_literal_refusal_the_window_can_meet_is_translated():
    """A new `raise BadInput("...")` (or `raise BadInput(A_CONSTANT)`) in a module behind the window's commands
    needs its translation."""
    literal = re.compile(r'raise (?:BadInput|UnknownSite)\(\s*((?:"[^"{]*"\s*)+)\)')
    named = re.compile(r"raise (?:BadInput|UnknownSite)\(([A-Z][A-Z0-9_]+)\)")
    found = set()
    for name in GUI_COMMANDS:
        source = (ROOT / name).read_text(encoding="utf-8")
        found.update("".join(re.findall(r'"([^"]*)"', text)) for text in literal.findall(source))
        module = importlib.import_module(name.removesuffix(".py").replace("/", "."))
        found.update(str(getattr(module, constant)) for constant in named.findall(source))
    assert len(found) >= 15 and review.MIXED_ONLY_REJECT in found
    assert sorted(m for m in found if refusal_text(m) is None) == []
