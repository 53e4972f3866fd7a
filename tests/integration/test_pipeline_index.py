"""The engine's local patient index: HL7 ADT over a real MLLP socket (upsert, A40 merge), CSV import,
loading at start, and patient-level C-FIND on a real Orthanc for candidates."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from appliance.domain import DicomNode, PatientRecord
from appliance.reconcile.niss import make_niss
from appliance.service.patient_index import LocalPatientIndex
from appliance.service.settings import Settings
from appliance.store import patients as sql
from appliance.store.state import StateStore
from tests.integration import peers
from tests.integration.pipeline_net import adt_a28, variant

NISS = make_niss("19620523", "F", 88)


def merge_a40(control: str, surviving: str, retired: str) -> str:
    return (f"MSH|^~\\&|HIS|CHR|PASSERELLE|CHR|20261123120000||ADT^A40^ADT_A39|{control}|P|2.5\r"
            f"EVN|A40|20261123120000\r"
            f"PID|1||{surviving}^^^CHR^MR||DUPONT^MARIE||19620523|F\r"
            f"MRG|{retired}^^^CHR^MR\r")


async def exchange(port: int, messages: list[str]) -> list[str]:
    from appliance.hl7.mllp import END_BLOCK, frame

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    codes = []
    for message in messages:
        writer.write(frame(message))
        await writer.drain()
        ack = (await reader.readuntil(END_BLOCK)).decode()
        codes.append(next(x for x in ack.split("\r") if x.startswith("MSA")).split("|")[1])
    writer.close()
    await writer.wait_closed()
    return codes


def test_adt_upsert_and_merge_are_stored_indexed_and_reloaded(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, site_name="b", hl7_port=peers.free_port(), hl7_bind_host="127.0.0.1")
    store = StateStore(settings.db_path)
    csv = tmp_path / "p.csv"
    csv.write_text("id,family_name,given_name,birth_date,sex,niss\nCHR-7,MARTIN,LUC,19800101,M,\n")

    async def scenario() -> None:
        index = LocalPatientIndex(settings, store)
        await index.start()
        try:
            codes = await exchange(index.hl7_port, [
                adt_a28("1", "CHR-1", "DUPONT^MARIE", "19620523", "F", NISS),
                adt_a28("2", "CHR-2", "DUPONT^MARIE", "19620523", "F", ""),
                merge_a40("3", "CHR-1", "CHR-2"),
                "MSH|^~\\&|HIS|CHR|P|CHR|20261123||ORU^R01|4|P|2.5\r",
            ])
            assert codes == ["AA", "AA", "AA", "AE"]
            assert "CHR-1" in index.index and "CHR-2" not in index.index
            assert await index.import_csv(csv) == 1 and "CHR-7" in index.index
        finally:
            await index.stop()
        again = LocalPatientIndex(settings.with_changes(hl7_port=0), store)
        await again.start()
        assert sorted(p.record.id for p in again.index) == ["CHR-1", "CHR-7"]
        assert again.index.get("CHR-1").record.niss == NISS  # type: ignore[union-attr]

    asyncio.run(scenario())
    assert [r.id for r in sql.load_active(store)] == ["CHR-1", "CHR-7"]
    store.close()


@pytest.mark.skipif(not peers.have_orthanc(), reason="Debian orthanc is not installed")
def test_pacs_patients_are_found_by_niss_and_by_name_and_birth_date(tmp_path: Path, other_study: list[Path]) -> None:
    in_pacs = variant(other_study, tmp_path / "a", 1, PatientID="CHR-55", PatientName="DUPONT^MARIE",
                      PatientBirthDate="19620523", PatientSex="F", OtherPatientIDs=NISS)
    with peers.start_orthanc(tmp_path, aet="PACSB") as pacs:
        pacs.upload(in_pacs)
        settings = Settings(home=tmp_path / "b", site_name="b", aet="PASSB",
                            pacs=DicomNode("PACSB", "127.0.0.1", pacs.dicom_port))
        store = StateStore(settings.db_path)

        async def scenario() -> None:
            index = LocalPatientIndex(settings, store)
            await index.start()
            incoming = PatientRecord(id="LIEGE-1", family_name="Dupont", given_name="Marie",
                                     birth_date="19620523", sex="F", niss=NISS)
            assert await index.add_pacs_candidates(incoming) == 1
            found = index.index.get("CHR-55")
            assert found is not None and found.record.niss == NISS and found.record.source == "pacs"
            assert await index.add_pacs_candidates(incoming) == 0  # already known

        asyncio.run(scenario())
        assert [r.id for r in sql.load_active(store)] == ["CHR-55"]
        store.close()
