"""Realistic data for UI tests and screenshots: a signed directory of Belgian hospitals, local patients,
review cases, transfers and DICOM files.

`install_directory` builds a real network with the operator tooling: an operator key, three peer sites
with their own keys, this site, a signed directory, the root pinned and the directory installed.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from appliance.directory import operator
from appliance.domain import InstanceRef, PatientRecord, TransferState
from appliance.service import directory_commands, review, sites
from appliance.service.engine import Engine
from appliance.service.review import RankedCandidate
from appliance.service.settings import Settings
from appliance.service.site import Site, init_site
from appliance.store.state import StateStore, StudyAttributes

PEER_NAMES = ("CHU de Liège", "AZ Sint-Jan Brugge", "Clinique Saint-Pierre Ottignies")
PEERS: list[dict[str, object]] = []
"""Filled by `install_directory`: the peers as `sites.peer_list` returns them, in PEER_NAMES order."""

LOCAL = [
    PatientRecord("L100234", "Dupont", "Marie Claire", "19800314", "F", "80031412345", "hl7"),
    PatientRecord("L100977", "Dupont", "Marine", "19800314", "F", "", "hl7"),
    PatientRecord("L088120", "Dupont-Lambert", "Marie", "19800413", "F", "", "pacs"),
    PatientRecord("L204551", "Van den Broeck", "Jan", "19670922", "M", "67092212784", "hl7"),
    PatientRecord("L204552", "Vandenbroeck", "Jan", "19670922", "M", "", "pacs"),
    PatientRecord("L310042", "Peeters", "Lotte", "20190101", "F", "", "hl7"),
    PatientRecord("L310043", "Peeters", "Lena", "20190101", "F", "", "hl7"),
]


def install_directory(site: Site, work: Path, live_ports: tuple[int, int] | None = None,
                      public_names: bool = False) -> list[dict[str, object]]:
    """Sign a directory listing this site and three peers, pin its root here and install it.

    With `live_ports` (DICOM, HTTP), the first peer (CHU de Liège) listens on loopback and gets the same
    directory, so `Engine(open_site(work / "peer0"))` can really receive what this site sends. The other
    peers are unreachable: a closed loopback port (refused at once), or hospital-like host names when
    `public_names` (screenshots; name resolution may then take a while).
    """
    work.mkdir(parents=True, exist_ok=True)
    root = operator.create_operator_key(work / "operator.key")
    draft = work / "directory.json"
    for n, name in enumerate(PEER_NAMES):
        if n == 0 and live_ports:
            settings = Settings(home=work / "peer0", site_name=name, aet="LIEGE", dicom_port=live_ports[0],
                                http_port=live_ports[1], bind_host="127.0.0.1")
        else:
            settings = Settings(home=work / f"peer{n}", site_name=name, aet=f"PEER{n}", dicom_port=11200 + n,
                                http_port=8500 + n, public_url=f"https://passerelle{n}.example.be" if public_names
                                else "http://127.0.0.1:9")
        peer = init_site(settings)
        (work / f"peer{n}.json").write_text(json.dumps(peer.identity()), encoding="utf-8")
        operator.add_site(draft, work / f"peer{n}.json")
    (work / "self.json").write_text(json.dumps(site.identity()), encoding="utf-8")
    operator.add_site(draft, work / "self.json")
    operator.sign(draft, work / "operator.key", 60, work / "signed.json")
    directory_commands.pin_root_key(site.settings.home, root)
    directory_commands.install_from(site.settings.home, str(work / "signed.json"))
    if live_ports:
        directory_commands.pin_root_key(work / "peer0", root)
        directory_commands.install_from(work / "peer0", str(work / "signed.json"))
    by_name = {str(p["name"]): p for p in sites.peer_list(site)}
    PEERS[:] = [by_name[name] for name in PEER_NAMES]
    return PEERS


WHY = (  # the matcher's reasons for asking a person, as the pipeline writes them on the transfer
    ("possible twin: same family name, birth date and sex but another given name",),
    ("another local record has the same name and birth date", "the next candidate scores too close"),
    ("possible twin: same family name, birth date and sex but another given name",),
)


def seed_review(store: StateStore) -> list[int]:
    """Three incoming patients waiting for confirmation, with ranked candidates, reasons, and the reason the
    engine gave on each transfer (as `IncomingPipeline._to_review` writes it)."""
    review.add_local_patients(store, LOCAL)
    by_id = {p.id: p for p in LOCAL}
    cases = [
        (PatientRecord("CHU-55321", "DUPONT", "Marie", "19800314", "F", "80031412345"), PEERS[0]["id"],
         "20261121", "CT THORAX AVEC INJECTION",
         [("L100234", 0.87, ("NISS identical", "birth date identical", "family name identical",
                             "first given name identical", "sex identical")),
          ("L100977", 0.62, ("NISS missing on one side", "birth date identical", "family name identical",
                             "given name similar", "sex identical")),
          ("L088120", 0.41, ("NISS missing on one side", "birth date: day and month swapped",
                             "family name shares one part of a double name", "first given name identical",
                             "sex identical"))]),
        (PatientRecord("AZS-0091", "VAN DEN BROECK", "Jan", "19670922", "M", ""), PEERS[1]["id"],
         "20261122", "IRM GENOU DROIT",
         [("L204551", 0.74, ("NISS missing on one side", "birth date identical",
                             "family name identical apart from spaces in particles", "given names identical",
                             "sex identical")),
          ("L204552", 0.72, ("NISS missing on one side", "birth date identical",
                             "family name identical apart from spaces in particles", "given names identical",
                             "sex identical"))]),
        (PatientRecord("CHU-55987", "PEETERS", "Lotte", "20190101", "F", ""), PEERS[0]["id"],
         "20261123", "RX THORAX",
         [("L310042", 0.79, ("NISS missing on one side", "birth date identical", "family name identical",
                             "given names identical", "sex identical")),
          ("L310043", 0.55, ("NISS missing on one side", "birth date identical", "family name identical",
                             "given name somewhat similar", "sex identical"))]),
    ]
    ids = []
    for n, (incoming, peer, date, description, candidates) in enumerate(cases):
        ranked = [RankedCandidate(by_id[pid], score, reasons) for pid, score, reasons in candidates]
        ids.append(review.record_review_case(store, f"in-{n}", f"1.2.826.0.1.3680043.10.543.{n}", str(peer),
                                             incoming, ranked, date, description))
        store.set_transfer_state(f"in-{n}", TransferState.REVIEW, review.WAITING_PREFIX + "; ".join(WHY[n]))
    return ids


def seed_transfers(engine: Engine, work: Path) -> None:
    """Outgoing transfers: one done (recorded directly), one waiting for its hospital and one cancelled by a secretary
    (real files, real queue)."""
    store = engine.store
    study = "1.2.826.0.1.3680043.10.543.90"
    for i in range(40):
        ref = InstanceRef(study, study + ".1", f"{study}.1.{i}", "1.2.840.10008.5.1.4.1.1.2",
                          f"studies/{study}/{i}.dcm", 524_288 + 1000 * i, "ab" * 32)
        store.record_instance(ref, StudyAttributes(patient_name="LEROY^Paul", study_date="20261120",
                                                   description="CT ABDOMEN"), "import")
    done_id, _ = store.queue_outgoing(str(PEERS[0]["id"]), study)
    with store.database.transaction() as conn:  # test data only: a finished transfer without a real peer
        conn.execute("UPDATE transfers SET bytes_done = bytes_total, files_done = files_total WHERE id = ?",
                     (done_id,))
    store.set_transfer_state(done_id, TransferState.DONE)
    for name, peer, failed in (("JANSSENS^Luc", PEERS[1], False), ("MARTIN^Sophie", PEERS[2], True)):
        folder = work / name.split("^")[0].lower()
        write_study(folder, count=20, patient=name, size=128)
        report = engine.call(engine.send([folder], str(peer["id"]))).result(timeout=60)
        if failed:
            mark_failed(store, report.transfer_ids[0], "cancelled by m.lambert")  # sent to the wrong hospital


def mark_failed(store: StateStore, transfer_id: str, reason: str) -> None:
    """Fail a transfer the live sender may be attempting right now (an attempt that starts resets the state)."""
    for _ in range(20):
        store.set_transfer_state(transfer_id, TransferState.FAILED, reason)
        time.sleep(0.3)
        if str(next(t for t in store.transfers() if t.id == transfer_id).state) == "failed":
            return
    raise RuntimeError("the sender keeps restarting the transfer")


SOP_CLASSES = {"CT": "1.2.840.10008.5.1.4.1.1.2", "MR": "1.2.840.10008.5.1.4.1.1.4", "CR": "1.2.840.10008.5.1.4.1.1.1",
               "DX": "1.2.840.10008.5.1.4.1.1.1.1", "US": "1.2.840.10008.5.1.4.1.1.6.1"}


def write_study(folder: Path, count: int = 3, patient: str = "DUBOIS^Anne", size: int = 8, *,
                patient_id: str = "P0042", birth_date: str = "19720505", sex: str = "F", study_date: str = "20261120",
                description: str = "CT THORAX", modality: str = "CT", accession: str = "") -> str:
    """A small study (CT THORAX unless told otherwise) as DICOM files in `folder`; returns its Study Instance UID."""
    folder.mkdir(parents=True, exist_ok=True)
    study_uid, series_uid = generate_uid(), generate_uid()
    for n in range(count):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = SOP_CLASSES.get(modality, SOP_CLASSES["CT"])
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
        ds.PatientName, ds.PatientID, ds.PatientBirthDate, ds.PatientSex = patient, patient_id, birth_date, sex
        ds.StudyDate, ds.StudyDescription, ds.Modality = study_date, description, modality
        ds.StudyTime, ds.AccessionNumber = "101500", accession
        ds.InstanceNumber = n + 1
        ds.Rows = ds.Columns = size
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.PixelData = bytes((n + i) % 251 for i in range(size * size * 2))
        ds.save_as(folder / f"IM{n:04d}.dcm", enforce_file_format=True)
    return str(study_uid)



def seed_rules(engine: Engine) -> None:
    """Routing rules a technician would write: thorax CT and MR to Liège for its physicians, knee MR to Bruges."""
    from appliance.service.rules_editor import RuleDraft, save_rule

    liege, brugge = str(PEERS[0]["id"]), str(PEERS[1]["id"])
    for draft in (
        RuleDraft(liege, "Pneumologie CHU", referring_from_directory=True, modalities=("CT", "MR"),
                  description="*THORAX*", max_age_days=3),
        RuleDraft(brugge, "Orthopedie AZ Sint-Jan", referring=("VERMEULEN^Pieter", "DE SMET^An"), modalities=("MR",),
                  description="IRM GENOU*"),
        RuleDraft(liege, "Cardio (suspendue)", modalities=("CT",), station="CT-CARDIO-2", enabled=False),
    ):
        save_rule(engine.store, engine.site, draft)
