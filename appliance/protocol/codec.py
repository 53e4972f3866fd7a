"""Canonical JSON and strict field readers shared by every protocol message and the directory."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from appliance.errors import PeerError


class MalformedMessage(PeerError):
    """A peer sent bytes that do not parse as the message they claim to be."""


def canonical_json(value: object) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the one byte form that is hashed and signed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def parse_object(data: bytes, what: str) -> dict[str, Any]:
    """A JSON object from bytes, or MalformedMessage naming `what`."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MalformedMessage(f"{what} is not valid JSON") from exc
    if not isinstance(value, dict):
        raise MalformedMessage(f"{what} is not a JSON object")
    return value


def encode_bytes(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def field_str(obj: Mapping[str, Any], key: str, what: str, max_len: int = 1024) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or len(value) > max_len:
        raise MalformedMessage(f"{what}: field {key!r} must be a string of at most {max_len} characters")
    return value


def field_int(obj: Mapping[str, Any], key: str, what: str, low: int = 0, high: int = 2**53) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise MalformedMessage(f"{what}: field {key!r} must be an integer in [{low}, {high}]")
    return value


def field_bytes(obj: Mapping[str, Any], key: str, what: str, length: int | None = None) -> bytes:
    text = field_str(obj, key, what, max_len=64 * 1024 * 1024)
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise MalformedMessage(f"{what}: field {key!r} is not base64") from exc
    if base64.b64encode(data) != text.encode("ascii"):  # spare bits set: another text for the same bytes
        raise MalformedMessage(f"{what}: field {key!r} is not canonical base64")
    if length is not None and len(data) != length:
        raise MalformedMessage(f"{what}: field {key!r} must hold {length} bytes")
    return data


def field_list(obj: Mapping[str, Any], key: str, what: str, max_items: int = 1_000_000) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list) or len(value) > max_items:
        raise MalformedMessage(f"{what}: field {key!r} must be a list of at most {max_items} items")
    return value


def field_object(obj: Mapping[str, Any], key: str, what: str) -> dict[str, Any]:
    value = obj.get(key)
    if not isinstance(value, dict):
        raise MalformedMessage(f"{what}: field {key!r} must be an object")
    return value
