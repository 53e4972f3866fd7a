"""First-run wizard: name, keys created, trust step, PACS with a C-ECHO against a real Orthanc, settings saved."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from appliance.dicom import scu
from appliance.domain import DicomNode
from appliance.service.site import open_site
from tests.integration import peers
from ui.wizard import FirstRunWizard
from ui.worker import ThreadWorker


@pytest.fixture
def worker(qtbot):
    running = ThreadWorker()
    yield running
    running.shutdown()


def walk_to_pacs(qtbot, wizard: FirstRunWizard) -> None:
    wizard.show()
    page = wizard.site_page
    assert not page.isComplete()
    page.name.setText("CHR Citadelle")
    page.aet.setText("CITADELLE")
    page.dicom_port.setValue(peers.free_port())
    assert page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.site is not None, timeout=10000)
    assert wizard.keys_page.fingerprint.text() == wizard.site.keys.fingerprint
    wizard.next()
    assert wizard.currentPage() is wizard.trust_page
    wizard.next()
    assert wizard.currentPage() is wizard.pacs_page


@pytest.mark.skipif(not peers.have_orthanc(), reason="Orthanc is installed by `make test`")
def test_wizard_completes_against_a_real_orthanc(qtbot, tmp_path: Path, worker):
    home = tmp_path / "site"
    wizard = FirstRunWizard(home, worker, echo=scu.echo)
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    form = wizard.pacs_page.form
    with peers.start_orthanc(tmp_path, aet="PACSTEST") as orthanc:
        form.aet.setText("PACSTEST")
        form.host.setText("127.0.0.1")
        form.port.setValue(orthanc.dicom_port)
        qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: form.last_ok is not None, timeout=20000)
        assert form.last_ok is True, form.result.toolTip()
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.saved, timeout=10000)
    site = open_site(home)
    assert site.settings.site_name == "CHR Citadelle" and site.settings.aet == "CITADELLE"
    assert site.settings.pacs == DicomNode("PACSTEST", "127.0.0.1", orthanc.dicom_port)


def test_failed_echo_says_so_in_plain_words(qtbot, tmp_path: Path, worker):
    def refuse(node, calling_aet):
        raise ConnectionRefusedError(f"{node} refused")

    wizard = FirstRunWizard(tmp_path / "site", worker, echo=refuse)
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    form = wizard.pacs_page.form
    form.test()
    assert "AE" in form.result.text()  # nothing to test yet: asks for the fields
    form.aet.setText("NOPE")
    form.host.setText("127.0.0.1")
    form.test()
    qtbot.waitUntil(lambda: form.last_ok is False, timeout=5000)
    assert "refused" in form.result.toolTip()


def test_trust_step_calls_the_injected_function(qtbot, tmp_path: Path, worker):
    calls = []

    def trust(home, key, directory):
        calls.append((home, key, directory))
        return "directory version 7 installed"

    wizard = FirstRunWizard(tmp_path / "site", worker, trust=trust)
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    wizard.back()
    page = wizard.trust_page
    page.root_key.setText("ed25519:ROOTKEY")
    page.directory.setText(str(tmp_path / "signed.json"))
    page.install()
    qtbot.waitUntil(lambda: "version 7" in page.result.text(), timeout=5000)
    assert calls == [(tmp_path / "site", "ed25519:ROOTKEY", tmp_path / "signed.json")]


def test_trust_step_with_a_real_signed_directory(qtbot, tmp_path: Path, worker):
    import json

    from appliance.directory import operator
    from appliance.service import sites
    from appliance.service.settings import Settings
    from appliance.service.site import init_site
    from ui.app import service_trust

    root = operator.create_operator_key(tmp_path / "op.key")
    peer = init_site(Settings(home=tmp_path / "peer", site_name="AZ Groeninge", public_url="https://p.example.be"))
    (tmp_path / "peer.json").write_text(json.dumps(peer.identity()))
    operator.add_site(tmp_path / "dir.json", tmp_path / "peer.json")
    operator.sign(tmp_path / "dir.json", tmp_path / "op.key", 30, tmp_path / "signed.json")

    wizard = FirstRunWizard(tmp_path / "site", worker, trust=service_trust())
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    wizard.back()
    page = wizard.trust_page
    page.root_key.setText(root)
    page.directory.setText(str(tmp_path / "signed.json"))
    page.install()
    qtbot.waitUntil(lambda: "✔" in page.result.text(), timeout=10000)
    assert "version 1" in page.result.text()
    assert [p["name"] for p in sites.peer_list(wizard.site)] == ["AZ Groeninge"]


def test_a_refused_directory_is_explained(qtbot, tmp_path: Path, worker):
    from ui.app import service_trust

    (tmp_path / "bad.json").write_text("{}")
    wizard = FirstRunWizard(tmp_path / "site", worker, trust=service_trust())
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    wizard.back()
    page = wizard.trust_page
    page.directory.setText(str(tmp_path / "bad.json"))
    page.install()
    qtbot.waitUntil(lambda: page.install_button.isEnabled() and page.result.text() != "", timeout=10000)
    assert "✔" not in page.result.text()


def test_trust_step_passes_a_chosen_root_set_file(qtbot, tmp_path: Path, worker):
    calls = []

    def trust(home, root, directory):
        calls.append((home, root, directory))
        return "operator root pinned (3 root key(s), threshold 2)"

    wizard = FirstRunWizard(tmp_path / "site", worker, trust=trust)
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    wizard.back()
    page = wizard.trust_page
    assert page.root_key.isEnabled() and not page.roots_file.isEnabled()
    page.root_key.setText("ignored: the root set is chosen")
    page.use_roots.setChecked(True)
    assert page.roots_file.isEnabled() and page.roots_browse.isEnabled() and not page.root_key.isEnabled()
    page.roots_file.setText(str(tmp_path / "ROOTS.json"))
    page.install()
    qtbot.waitUntil(lambda: "✔" in page.result.text(), timeout=5000)
    assert calls == [(tmp_path / "site", tmp_path / "ROOTS.json", None)]
    assert "3 root key(s), 2 must sign together" in page.result.text()


def test_trust_step_with_a_real_root_set_and_threshold(qtbot, tmp_path: Path, worker):
    """Two of three roots sign the directory; the wizard pins ROOTS.json and the directory installs."""
    import json

    from appliance.directory import operator
    from appliance.service import sites
    from appliance.service.settings import Settings
    from appliance.service.site import init_site
    from ui.app import service_trust

    operator.create_root_set(tmp_path / "ROOTS.json", 2, generate=3, key_dir=tmp_path / "roots")
    peer = init_site(Settings(home=tmp_path / "peer", site_name="AZ Groeninge", public_url="https://p.example.be"))
    (tmp_path / "peer.json").write_text(json.dumps(peer.identity()))
    operator.add_site(tmp_path / "dir.json", tmp_path / "peer.json")
    operator.sign(tmp_path / "dir.json", tmp_path / "roots" / "root-1.key", 30, tmp_path / "one.json")
    operator.sign(tmp_path / "dir.json", tmp_path / "roots" / "root-3.key", 30, tmp_path / "two.json")  # co-signs

    wizard = FirstRunWizard(tmp_path / "site", worker, trust=service_trust())
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    wizard.back()
    page = wizard.trust_page
    page.use_roots.setChecked(True)
    page.roots_file.setText(str(tmp_path / "ROOTS.json"))
    page.directory.setText(str(tmp_path / "one.json"))  # one root alone is not enough
    page.install()
    qtbot.waitUntil(lambda: page.install_button.isEnabled() and "Checking" not in page.result.text(), timeout=10000)
    assert "✔" not in page.result.text()
    page.directory.setText(str(tmp_path / "two.json"))
    page.install()
    qtbot.waitUntil(lambda: "✔" in page.result.text(), timeout=10000)
    assert "3 root key(s), 2 must sign together" in page.result.text()
    assert [p["name"] for p in sites.peer_list(wizard.site)] == ["AZ Groeninge"]


def test_a_missing_root_set_file_is_explained(qtbot, tmp_path: Path, worker):
    from ui.app import service_trust

    wizard = FirstRunWizard(tmp_path / "site", worker, trust=service_trust())
    qtbot.addWidget(wizard)
    walk_to_pacs(qtbot, wizard)
    wizard.back()
    page = wizard.trust_page
    page.use_roots.setChecked(True)
    page.roots_file.setText(str(tmp_path / "nowhere" / "ROOTS.json"))
    page.install()
    qtbot.waitUntil(lambda: page.install_button.isEnabled() and "Checking" not in page.result.text(), timeout=10000)
    assert "✔" not in page.result.text() and "not found" in page.result.text()
