"""Screenshots of every screen, in French and English, under Xvfb, with realistic data.

    python docs/screenshots/take.py            # writes docs/screenshots/{fr,en}-*.png

The script starts its own Xvfb (1280x800x24), then runs itself once per language with DISPLAY set and
QT_QPA_PLATFORM=xcb: a throw-away site in a temporary folder, a real engine, seeded review cases and
transfers, a real signed directory of three peer hospitals (CHU de Liège a second engine on loopback, so
its card is reachable), routing rules, and, when Orthanc is installed, a real Orthanc as the local PACS
holding a few studies for the PACS search page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
LANGUAGES = ("fr", "en")


def free_display() -> int:
    for n in range(90, 140):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise SystemExit("no free X display number between :90 and :139")


def orchestrate() -> int:
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        raise SystemExit("Xvfb is not installed (apt install xvfb)")
    display = free_display()
    server = subprocess.Popen([xvfb, f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("Xvfb did not start")
            time.sleep(0.1)
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb", "PASSERELLE_SHOTS_CHILD": "1"}
        for language in LANGUAGES:
            subprocess.run([sys.executable, __file__, language], env=env, check=True, cwd=ROOT)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"screenshots written to {OUT.relative_to(ROOT)}")
    return 0


def free_port() -> int:
    from appliance.service import ports  # after shoot() put the project on sys.path

    return ports.free_port()


def pacs_studies(folder: Path, seed: Any) -> list[Path]:
    """A few studies, three patients named Dupont among them, for the PACS search page."""
    studies = (
        ("DUPONT^Marie Claire", "L100234", "19800314", "F", "20261119", "CT THORAX INJECTE", "CT", "A26111942", 24),
        ("DUPONT^Marie Claire", "L100234", "19800314", "F", "20260915", "RX THORAX F+P", "CR", "A26091531", 2),
        ("DUPONT^Marine", "L100977", "19800314", "F", "20261002", "IRM GENOU DROIT", "MR", "A26100254", 12),
        ("DUPONT^Georges", "L077451", "19490627", "M", "20261117", "ECHOGRAPHIE ABDOMINALE", "US", "A26111777", 6),
        ("LEROY^Paul", "L212000", "19581103", "M", "20261120", "CT ABDOMEN", "CT", "A26112012", 8),
    )
    files: list[Path] = []
    for n, (name, pid, birth, sex, when, description, modality, accession, count) in enumerate(studies):
        target = folder / f"s{n}"
        seed.write_study(target, count=count, patient=name, patient_id=pid, birth_date=birth, sex=sex,
                         study_date=when, description=description, modality=modality, accession=accession)
        files += sorted(target.glob("*.dcm"))
    return files


def root_set_directory(work: Path, operator: Any) -> Path:
    """A root set of three keys, two of which must sign, and the seeded hospitals' directory signed by two."""
    roots = work / "roots"
    roots.mkdir()
    operator.create_root_set(roots / "ROOTS.json", 2, generate=3, key_dir=roots)
    for peer_json in sorted((work / "network").glob("peer*.json")):
        operator.add_site(roots / "directory.json", peer_json)
    for key in ("root-1.key", "root-2.key"):
        operator.sign(roots / "directory.json", roots / key, 60, roots / "signed.json")
    return roots


def shoot(language: str) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication, QWidget

    from appliance.directory import operator
    from appliance.domain import DicomNode
    from appliance.service.engine import Engine
    from appliance.service.settings import Settings
    from appliance.service.site import init_site, open_site
    from tests.integration import peers as dicom_peers
    from tests.ui import seed
    from ui.app import main_window_for, make_application, service_echo, service_trust
    from ui.i18n import install_translators
    from ui.review_dialogs import RejectDialog, SearchDialog
    from ui.wizard import FirstRunWizard
    from ui.worker import ThreadWorker

    app = make_application()
    translators = install_translators(app, language)
    work = Path(tempfile.mkdtemp(prefix="passerelle-shots-"))
    stack = ExitStack()
    dicom_port = free_port()
    pacs = None
    if dicom_peers.have_orthanc():  # the local PACS, for the PACS search page
        orthanc = stack.enter_context(dicom_peers.start_orthanc(
            work, aet="PACS", modalities={"passerelle": ("CITADELLE", "127.0.0.1", dicom_port)}))
        orthanc.upload(pacs_studies(work / "pacs", seed))
        pacs = DicomNode("PACS", "127.0.0.1", orthanc.dicom_port)
    site = init_site(Settings(home=work / "site", site_name="CHR Citadelle", aet="CITADELLE",
                              dicom_port=dicom_port, http_port=free_port(), bind_host="127.0.0.1",
                              bandwidth_limit_kbps=2000, pacs=pacs, routing_interval_s=3600))
    seed.install_directory(site, work / "network", live_ports=(free_port(), free_port()), public_names=True)
    yesterday = time.time() - 86400 + 3600 * 2
    (site.settings.home / "peers-seen.json").write_text(  # AZ Sint-Jan answered yesterday, not today
        f'{{"{seed.PEERS[1]["id"]}": {yesterday}}}', encoding="utf-8")
    peer = Engine(open_site(work / "network" / "peer0"))  # CHU de Liège, a real appliance on loopback
    peer.start()
    engine = Engine(site)
    engine.start()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def save(widget: QWidget, name: str) -> None:
        pump(0.3)
        widget.grab().save(str(OUT / f"{language}-{name}.png"))
        print(f"  {language}-{name}.png")

    try:
        seed.seed_review(engine.store)
        seed.seed_transfers(engine, work / "studies")
        seed.seed_rules(engine)
        big = work / "studies" / "dubois"
        seed.write_study(big, count=120, patient="DUBOIS^Anne", size=256)
        engine.call(engine.send([big], str(seed.PEERS[0]["id"]))).result(timeout=60)
        window = main_window_for(engine)
        window.resize(1280, 800)
        window.show()
        pump(1.5)
        save(window, "review")
        window.review.reject()
        reject = window.review.findChildren(RejectDialog)[-1]
        save(reject, "review-reject")
        reject.reject()
        window.review.search_by_hand()
        search = window.review.findChildren(SearchDialog)[-1]
        search.family.setText("Dupont")
        search.search()
        pump(0.8)
        save(search, "review-search")
        search.reject()
        window.review.who = "m.lambert"  # a secretary confirms one patient, so the journal shows a person too
        window.review.queue.setCurrentRow(2)
        window.review.confirm()
        pump(1.0)
        window.show_page("transfers")
        pump(3.0)
        save(window, "transfers")
        engine.call(engine.probe_peers()).result(timeout=30)
        window.show_page("sites")
        pump(1.5)
        save(window, "sites")
        study = work / "drop" / "CD"
        seed.write_study(study, count=12, patient="MARTIN^Sophie")
        window.sites.on_drop(seed.PEERS[1]["id"], [study.parent])
        pump(1.5)
        if window.sites.last_dialog is not None:
            save(window.sites.last_dialog, "sites-send")
            window.sites.last_dialog.reject()
        window.show_page("pacs")
        pump(0.5)
        if pacs is not None:
            window.pacs.name.setText("dupont")
            window.pacs.search()
            pump(2.0)
        else:
            save(window, "pacs-search")
        if window.pacs.table.rowCount():
            window.pacs.table.selectRow(0)
            save(window, "pacs-search")
            window.pacs.ask_send(str(seed.PEERS[0]["id"]), window.pacs.table.studies[0].study_uid)
            pump(0.5)
            if window.pacs.last_dialog is not None:
                save(window.pacs.last_dialog, "pacs-send")
                window.pacs.last_dialog.reject()
        window.show_page("rules")
        pump(0.8)
        save(window, "rules")
        window.rules.table.selectRow(0)
        window.rules.edit_rule()
        pump(0.5)
        if window.rules.last_dialog is not None:
            save(window.rules.last_dialog, "rules-edit")
            window.rules.last_dialog.reject()
        window.show_page("journal")
        pump(0.8)
        save(window, "journal")
        window.show_page("settings")
        save(window, "settings")
        window.quitting = True
        window.close()

        worker = ThreadWorker()
        wizard = FirstRunWizard(work / "new-site", worker, service_echo(), service_trust())
        wizard.resize(720, 520)
        wizard.show()
        wizard.site_page.name.setText("AZ Groeninge" if language != "fr" else "Hôpital de Jolimont")
        wizard.site_page.aet.setText("PASSERELLE")
        save(wizard, "wizard-1-site")
        wizard.next()
        pump(1.5)
        save(wizard, "wizard-2-keys")
        wizard.next()
        trust_page = wizard.trust_page  # the operator's root set (2 of 3 roots sign) and a directory signed so
        roots = root_set_directory(work, operator)
        trust_page.use_roots.setChecked(True)
        trust_page.roots_file.setText(str(roots / "ROOTS.json"))
        trust_page.directory.setText(str(roots / "signed.json"))
        trust_page.install()
        pump(1.5)
        save(wizard, "wizard-3-trust")
        wizard.next()
        wizard.pacs_page.form.aet.setText("ORTHANC")
        wizard.pacs_page.form.host.setText("pacs.hopital.local")
        save(wizard, "wizard-4-pacs")
        wizard.close()
        worker.shutdown()
    finally:
        engine.stop()
        peer.stop()
        stack.close()
        shutil.rmtree(work, ignore_errors=True)
        del translators
        QApplication.processEvents()


if __name__ == "__main__":
    if os.environ.get("PASSERELLE_SHOTS_CHILD"):
        shoot(sys.argv[1])
    else:
        raise SystemExit(orchestrate())
