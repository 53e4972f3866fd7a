"""DIMSE command sets and association negotiation of the lean acceptor (no sockets)."""

from __future__ import annotations

import io
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydicom.dataset import Dataset
from pynetdicom.dsutils import decode, encode
from pynetdicom.pdu_primitives import A_ASSOCIATE
from pynetdicom.presentation import build_context

from appliance.dicom.acceptor import negotiate
from appliance.dicom.commands import C_STORE_RQ, CommandError, decode_command, encode_response, response_pdu

CT = "1.2.840.10008.5.1.4.1.1.2"


def store_request(message_id: int = 7, sop_instance: str = "1.2.3.4") -> bytes:
    ds = Dataset()
    ds.AffectedSOPClassUID = CT
    ds.CommandField = C_STORE_RQ
    ds.MessageID = message_id
    ds.Priority = 0
    ds.CommandDataSetType = 0x0000
    ds.AffectedSOPInstanceUID = sop_instance
    body = encode(ds, True, True)
    assert body is not None
    return struct.pack("<HHLL", 0, 0, 4, len(body)) + body


def test_decode_store_request() -> None:
    command = decode_command(store_request(), context_id=3)
    assert (command.field, command.message_id, command.context_id) == (C_STORE_RQ, 7, 3)
    assert (command.sop_class_uid, command.sop_instance_uid, command.data_set_type) == (CT, "1.2.3.4", 0)


@pytest.mark.parametrize("status,comment", [(0, ""), (0xC000, "dataset is truncated"), (0xA700, "x" * 80)])
def test_response_round_trips_through_pydicom(status: int, comment: str) -> None:
    command = decode_command(store_request(message_id=65535, sop_instance="1.2.33"), context_id=1)
    encoded = encode_response(command, status, comment)
    ds = decode(io.BytesIO(encoded), True, True)
    assert ds.CommandField == 0x8001 and ds.MessageIDBeingRespondedTo == 65535
    assert ds.Status == status and ds.AffectedSOPInstanceUID == "1.2.33"
    assert ds.CommandGroupLength == len(encoded) - 12
    assert ds.get("ErrorComment", "") == comment[:64]
    pdu = response_pdu(command, status, comment)
    assert pdu[0] == 4 and struct.unpack(">L", pdu[2:6])[0] == len(pdu) - 6


@given(st.binary(max_size=200))
def test_garbage_commands_raise_command_error(data: bytes) -> None:
    try:
        decode_command(data, 1)
    except CommandError:
        pass


def test_negotiation_keeps_the_requestors_preference() -> None:
    rq = A_ASSOCIATE()
    rq.calling_ae_title = "MODALITY"
    rq.called_ae_title = "PASSERELLE"
    contexts = [
        build_context(CT, ["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1"]),
        build_context("1.2.3.999", ["1.2.840.10008.1.2"]),
        build_context(CT, ["1.2.840.10008.1.2.4.100"]),
    ]
    for number, context in enumerate(contexts):
        context.context_id = 2 * number + 1
    rq.presentation_context_definition_list = contexts
    supported = {CT: ("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.90")}
    ac, accepted = negotiate(rq, supported, 1 << 20)
    assert accepted.calling_aet == "MODALITY"
    assert accepted.contexts == {1: (CT, "1.2.840.10008.1.2.4.90")}
    assert [c.result for c in ac.presentation_context_definition_results_list] == [0, 3, 4]
