"""DIMSE command sets (PS3.7 E.1): decoding requests and responses, encoding them, implicit VR little endian."""

from __future__ import annotations

import struct
from dataclasses import dataclass

C_STORE_RQ = 0x0001
C_ECHO_RQ = 0x0030
C_MOVE_RQ = 0x0021
NO_DATASET = 0x0101
P_DATA = 4

AFFECTED_SOP_CLASS = 0x00000002
COMMAND_FIELD = 0x00000100
MESSAGE_ID = 0x00000110
MESSAGE_ID_RESPONDED = 0x00000120
DATA_SET_TYPE = 0x00000800
STATUS = 0x00000900
ERROR_COMMENT = 0x00000902
AFFECTED_SOP_INSTANCE = 0x00001000
MOVE_DESTINATION = 0x00000600
SUBOPERATIONS = (0x00001020, 0x00001021, 0x00001022, 0x00001023)  # remaining, completed, failed, warning


class CommandError(ValueError):
    """A command set that cannot be decoded."""


@dataclass(frozen=True, slots=True)
class Command:
    """The parts of a DIMSE request the acceptor needs."""

    context_id: int
    field: int
    message_id: int
    data_set_type: int
    sop_class_uid: str = ""
    sop_instance_uid: str = ""
    status: int | None = None
    error_comment: str = ""


def _elements(data: bytes) -> dict[int, bytes]:
    found: dict[int, bytes] = {}
    offset = 0
    while offset + 8 <= len(data):
        group, element, length = struct.unpack_from("<HHL", data, offset)
        offset += 8
        if offset + length > len(data):
            raise CommandError("command set element overruns the command set")
        found[(group << 16) | element] = data[offset : offset + length]
        offset += length
    if offset != len(data):
        raise CommandError("command set has trailing bytes")
    return found


def _text(value: bytes | None) -> str:
    return (value or b"").rstrip(b"\x00 ").decode("ascii", "replace")


def _ushort(value: bytes | None, what: str) -> int:
    if value is None or len(value) != 2:
        raise CommandError(f"command set lacks {what}")
    return int(struct.unpack("<H", value)[0])


def decode_command(data: bytes, context_id: int) -> Command:
    """A request (or, with MessageIDBeingRespondedTo as its message id, a response) command set."""
    elements = _elements(data)
    field = _ushort(elements.get(COMMAND_FIELD), "Command Field")
    responding = bool(field & 0x8000)
    return Command(
        context_id=context_id,
        field=field,
        message_id=_ushort(elements.get(MESSAGE_ID_RESPONDED if responding else MESSAGE_ID), "Message ID"),
        data_set_type=_ushort(elements.get(DATA_SET_TYPE), "Command Data Set Type"),
        sop_class_uid=_text(elements.get(AFFECTED_SOP_CLASS)),
        sop_instance_uid=_text(elements.get(AFFECTED_SOP_INSTANCE)),
        status=_ushort(elements.get(STATUS), "Status") if responding else None,
        error_comment=_text(elements.get(ERROR_COMMENT)),
    )


def _group(elements: list[bytes]) -> bytes:
    encoded = b"".join(elements)
    return _element(0x00000000, struct.pack("<L", len(encoded))) + encoded


def encode_store_request(message_id: int, sop_class_uid: str, sop_instance_uid: str, aet: str = "") -> bytes:
    """A C-STORE-RQ command set (medium priority, a data set follows)."""
    return _group([
        _element(AFFECTED_SOP_CLASS, _uid(sop_class_uid)),
        _element(COMMAND_FIELD, struct.pack("<H", C_STORE_RQ)),
        _element(MESSAGE_ID, struct.pack("<H", message_id)),
        _element(0x00000700, struct.pack("<H", 0)),
        _element(DATA_SET_TYPE, struct.pack("<H", 0x0000)),
        _element(AFFECTED_SOP_INSTANCE, _uid(sop_instance_uid)),
    ])


def encode_move_request(message_id: int, sop_class_uid: str, destination: str) -> bytes:
    """A C-MOVE-RQ command set (medium priority, the identifier follows as a data set)."""
    return _group([
        _element(AFFECTED_SOP_CLASS, _uid(sop_class_uid)),
        _element(COMMAND_FIELD, struct.pack("<H", C_MOVE_RQ)),
        _element(MESSAGE_ID, struct.pack("<H", message_id)),
        _element(MOVE_DESTINATION, _string(destination[:16])),
        _element(0x00000700, struct.pack("<H", 0)),
        _element(DATA_SET_TYPE, struct.pack("<H", 0x0000)),
    ])


def suboperation_counts(data: bytes) -> tuple[int | None, int | None, int | None, int | None]:
    """The (remaining, completed, failed, warning) sub-operation counts of a C-MOVE or C-GET response
    command set, None where absent."""
    elements = _elements(data)
    remaining, completed, failed, warned = (_count(elements.get(tag)) for tag in SUBOPERATIONS)
    return remaining, completed, failed, warned


def _count(value: bytes | None) -> int | None:
    return None if value is None or len(value) != 2 else int(struct.unpack("<H", value)[0])


def _element(tag: int, value: bytes) -> bytes:
    return struct.pack("<HHL", tag >> 16, tag & 0xFFFF, len(value)) + value


def _uid(value: str) -> bytes:
    raw = value.encode("ascii", "replace")
    return raw + b"\x00" if len(raw) % 2 else raw


def _string(value: str) -> bytes:
    raw = value.encode("ascii", "replace")[:64]
    return raw + b" " if len(raw) % 2 else raw


def encode_response(command: Command, status: int, comment: str = "") -> bytes:
    """The response command set to a request (field | 0x8000), no data set."""
    body = [
        _element(AFFECTED_SOP_CLASS, _uid(command.sop_class_uid)) if command.sop_class_uid else b"",
        _element(COMMAND_FIELD, struct.pack("<H", command.field | 0x8000)),
        _element(MESSAGE_ID_RESPONDED, struct.pack("<H", command.message_id)),
        _element(DATA_SET_TYPE, struct.pack("<H", NO_DATASET)),
        _element(STATUS, struct.pack("<H", status)),
        _element(ERROR_COMMENT, _string(comment)) if comment and status != 0 else b"",
        _element(AFFECTED_SOP_INSTANCE, _uid(command.sop_instance_uid)) if command.sop_instance_uid else b"",
    ]
    return _group(body)


def response_pdu(command: Command, status: int, comment: str = "") -> bytes:
    """A P-DATA-TF PDU carrying the response as one last command fragment."""
    data = encode_response(command, status, comment)
    pdv = struct.pack(">LBB", len(data) + 2, command.context_id, 0x03) + data
    return struct.pack(">BBL", P_DATA, 0, len(pdv)) + pdv
