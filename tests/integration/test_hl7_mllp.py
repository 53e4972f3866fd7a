"""ADT messages over a real MLLP socket update the patient index; a known patient's study is then
linked and rewritten."""

from __future__ import annotations

import asyncio
import datetime

from pydicom.dataset import Dataset

from appliance.dicom.rewrite import coerce_to_local_patient
from appliance.domain import DecisionKind, PatientRecord
from appliance.hl7.adt import AdtEvent, AdtKind
from appliance.hl7.mllp import END_BLOCK, MllpServer, frame
from appliance.reconcile.index import PatientIndex
from appliance.reconcile.matcher import Matcher
from appliance.reconcile.niss import make_niss

NISS = make_niss("19620523", "F", 88)


def adt(trigger, control, pid3, name, birth, sex, extra=""):
    return (f"MSH|^~\\&|HIS|CHR|PASSERELLE|CHR|20260601120000||ADT^{trigger}^ADT_A01|{control}|P|2.5\r"
            f"EVN|{trigger}|20260601120000\r"
            f"PID|1||{pid3}||{name}||{birth}|{sex}\r{extra}")


async def exchange(port, messages):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answers = []
    for message in messages:
        writer.write(frame(message))
        await writer.drain()
        answers.append((await reader.readuntil(END_BLOCK)).decode()[1:-2])
    writer.close()
    await writer.wait_closed()
    return answers


def msa(ack):
    return next(line for line in ack.split("\r") if line.startswith("MSA")).split("|")


async def scenario():
    index = PatientIndex()
    events: list[AdtEvent] = []

    def apply(event: AdtEvent) -> None:
        events.append(event)
        if event.kind is AdtKind.MERGE:
            index.merge(event.record, event.retired_id)
        else:
            index.add(event.record)

    server = MllpServer(apply, host="127.0.0.1", port=0, id_authority="CHR")
    port = await server.start()
    try:
        answers = await exchange(port, [
            adt("A28", "M1", f"P100^^^CHR^MR~{NISS}^^^NISS^NN", "Van den Broeck^Marie^Louise", "19620523", "F"),
            adt("A28", "M2", "P200^^^CHR^MR", "Dubois^Jean", "19450101", "M"),
            adt("A08", "M3", "P200^^^CHR^MR", "Dubois^Jean-Marie", "19450101", "M"),
            adt("A40", "M4", "P300^^^CHR^MR", "Dubois^Jean-Marie", "19450101", "M", "MRG|P200^^^CHR^MR\r"),
            adt("A28", "M5", "X1^^^OTHER^MR", "Nobody^Known", "19700101", "M"),
            "MSH|^~\\&|HIS|CHR|PASSERELLE|CHR|20260601120000||ORU^R01|M6|P|2.5\rPID|1||P9^^^CHR^MR\r",
            adt("A40", "M7", "P300^^^CHR^MR", "Dubois^Jean", "19450101", "M"),
        ])
        # a second client, messages split across writes and two messages in one write
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        data = frame(adt("A31", "M8", "P400^^^CHR^MR", "Claes^Luc", "19800101", "M"))
        writer.write(data[:20])
        await writer.drain()
        await asyncio.sleep(0.05)
        writer.write(data[20:] + frame(adt("A04", "M9", "P500^^^CHR^MR", "Maes^Eva", "19900101", "F")))
        await writer.drain()
        split = [(await reader.readuntil(END_BLOCK)).decode()[1:-2] for _ in range(2)]
        writer.close()
    finally:
        await server.close()
    return index, events, answers + split


def test_adt_over_mllp_updates_the_index_and_a_study_is_linked_and_rewritten():
    index, events, answers = asyncio.run(scenario())
    codes = [msa(a)[1] for a in answers]
    assert codes == ["AA", "AA", "AA", "AA", "AE", "AE", "AE", "AA", "AA"]
    assert [msa(a)[2] for a in answers] == ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9"]
    assert "assigning authority" in msa(answers[4])[3]
    assert "unsupported message type" in msa(answers[5])[3]
    assert "Dubois" not in "".join(answers[4:7])
    assert answers[0].startswith("MSH|^~\\&|PASSERELLE|CHR|HIS|CHR|")
    assert {"P100", "P300", "P400", "P500"} == {p.record.id for p in index}
    assert index.get("P300").record.given_name == "Jean-Marie"
    assert index.get("P100").record.niss == NISS
    assert [e.kind for e in events].count(AdtKind.MERGE) == 1

    incoming = PatientRecord("EXT-9", "VANDENBROECK^MARIE", "", "19620523", "F", NISS)
    decision = Matcher(index).decide(incoming, datetime.date(2026, 6, 1))
    assert (decision.kind, decision.matched_id) == (DecisionKind.LINK, "P100")
    ds = Dataset()
    ds.PatientID, ds.PatientName, ds.PatientBirthDate, ds.PatientSex = "EXT-9", "VANDENBROECK^MARIE", "19620523", "F"
    ds.StudyInstanceUID = "1.2.3.4"
    coerce_to_local_patient(ds, index.get("P100").record, local_issuer="CHR")
    assert ds.PatientID == "P100" and ds.StudyInstanceUID == "1.2.3.4"
    assert ds.OtherPatientIDsSequence[0].PatientID == "EXT-9"


def test_callback_failure_is_answered_ae_so_the_sender_retries():
    async def run():
        async def failing(event: AdtEvent) -> None:
            raise RuntimeError("disk full")

        server = MllpServer(failing, host="127.0.0.1", port=0)
        port = await server.start()
        try:
            return await exchange(port, [adt("A28", "F1", "P1^^^CHR^MR", "X^Y", "19800101", "M")])
        finally:
            await server.close()

    (answer,) = asyncio.run(run())
    assert msa(answer)[1:3] == ["AE", "F1"]
