"""Attack suite, directory: each test fails if the attack succeeds (the document would be accepted)."""

from __future__ import annotations

import copy
import json
from base64 import b64decode
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.signing import SigningKey

from appliance.crypto.handshake import sign as sign_bytes
from appliance.directory.document import FORMAT, SigningKeySet, format_time
from appliance.directory.trust import DOCUMENT_FILE, install, load_installed, pin_root
from appliance.directory.verify import (
    DOCUMENT_CONTEXT,
    SIGNING_KEYS_CONTEXT,
    InstalledState,
    RootSet,
    state_of,
    verify_directory,
)
from appliance.errors import DirectoryRejected
from appliance.identity.keys import SiteKeys, b64
from appliance.protocol.codec import canonical_json

NOW = 1_800_000_000.0
DAY = 86400
ROOT1, ROOT2, OUTSIDER = SigningKey.generate(), SigningKey.generate(), SigningKey.generate()
ROOTS = RootSet((bytes(ROOT1.verify_key),))
ROOTS_2OF2 = RootSet((bytes(ROOT1.verify_key), bytes(ROOT2.verify_key)), threshold=2)


def site(keys: SiteKeys, name: str) -> dict[str, Any]:
    return {
        "id": keys.site_id,
        "name": name,
        "signing_key": b64(bytes(keys.verify_key)),
        "endpoints": [],
    }


def document(version: int = 1, sites: list[dict[str, Any]] | None = None, expires: float = NOW + 30 * DAY):
    return {
        "format": FORMAT,
        "version": version,
        "issued": format_time(NOW - 10 * DAY),
        "expires": format_time(expires),
        "sites": sites if sites is not None else [site(SiteKeys.generate(), "A")],
        "revoked": [],
    }


def signature(key: SigningKey, doc: dict[str, Any]) -> dict[str, str]:
    return {"key": b64(bytes(key.verify_key)), "sig": b64(sign_bytes(key, DOCUMENT_CONTEXT, canonical_json(doc)))}


def envelope(doc: dict[str, Any], *keys: SigningKey) -> bytes:
    return json.dumps({"document": doc, "signatures": [signature(k, doc) for k in keys]}).encode()


def rejected(
    data: bytes, reason: str, roots: RootSet = ROOTS, installed: InstalledState | None = None, now: float = NOW
) -> None:
    with pytest.raises(DirectoryRejected, match=reason):
        verify_directory(data, roots, installed, now, grace_seconds=DAY)


def test_baseline_accepted() -> None:
    assert verify_directory(envelope(document(), ROOT1), ROOTS, None, NOW).version == 1


def test_bad_signature() -> None:
    data = json.loads(envelope(document(), ROOT1))
    sig = bytearray(b64decode(data["signatures"][0]["sig"]))
    sig[10] ^= 0x01
    data["signatures"][0]["sig"] = b64(bytes(sig))
    rejected(json.dumps(data).encode(), "bad signature")


def test_missing_signature() -> None:
    rejected(envelope(document()), "not signed")


def test_document_altered_after_signing() -> None:
    doc = document()
    data = json.loads(envelope(doc, ROOT1))
    data["document"]["sites"].append(site(SiteKeys.generate(), "Intruder"))
    rejected(json.dumps(data).encode(), "bad signature")


def test_insufficient_signatures() -> None:
    rejected(envelope(document(), ROOT1), "too few valid signatures", roots=ROOTS_2OF2)
    assert verify_directory(envelope(document(), ROOT1, ROOT2), ROOTS_2OF2, None, NOW)


def test_same_key_counted_twice() -> None:
    rejected(envelope(document(), ROOT1, ROOT1), "counted twice", roots=ROOTS_2OF2)


def test_signature_by_unknown_key() -> None:
    rejected(envelope(document(), OUTSIDER), "not trusted")


def test_rollback_to_lower_version() -> None:
    installed = state_of(verify_directory(envelope(document(5), ROOT1), ROOTS, None, NOW))
    rejected(envelope(document(4), ROOT1), "older than the installed version 5", installed=installed)


def test_same_version_fork() -> None:
    installed = state_of(verify_directory(envelope(document(5), ROOT1), ROOTS, None, NOW))
    rejected(envelope(document(5), ROOT1), "differs from the installed document", installed=installed)


def test_expired_beyond_grace_refused_within_grace_accepted() -> None:
    doc = document(expires=NOW - 2 * DAY)
    rejected(envelope(doc, ROOT1), "expired on")
    doc = document(expires=NOW - DAY / 2)
    assert verify_directory(envelope(doc, ROOT1), ROOTS, None, NOW, grace_seconds=DAY)


def test_injected_site_with_someone_elses_id() -> None:
    victim, attacker = SiteKeys.generate(), SiteKeys.generate()
    impostor = site(attacker, "Victim hospital")
    impostor["id"] = victim.site_id
    rejected(envelope(document(sites=[impostor]), ROOT1), "does not match its signing key")


def test_oversized_document() -> None:
    doc = document()
    doc["padding"] = "x" * (4 * 1024 * 1024)
    rejected(envelope(doc, ROOT1), "over the")


@pytest.mark.parametrize(
    "data",
    [b"", b"[]", b"{", b'{"document": 1}', b"\xff\xfe", json.dumps({"document": {"format": "other/1"}}).encode()],
)
def test_malformed_is_refused(data: bytes) -> None:
    rejected(data, "malformed")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_garbage_never_crashes_verification(data: bytes) -> None:
    with pytest.raises(DirectoryRejected):
        verify_directory(data, ROOTS, None, NOW)


def _with_block(doc: dict[str, Any], serial: int, signing: SigningKey) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    block = SigningKeySet(serial, 1, (bytes(signing.verify_key),), ())
    root_sig = sign_bytes(ROOT1, SIGNING_KEYS_CONTEXT, block.body())
    doc["signing_keys"] = {
        **block.as_json(),
        "root_signatures": [{"key": b64(bytes(ROOT1.verify_key)), "sig": b64(root_sig)}],
    }
    return doc


def test_retired_signing_key_cannot_replay_old_delegation() -> None:
    old_key, new_key = SigningKey.generate(), SigningKey.generate()
    current = verify_directory(envelope(_with_block(document(3), 2, new_key), new_key), ROOTS, None, NOW)
    forged = envelope(_with_block(document(9), 1, old_key), old_key)  # old, root-signed block; higher version
    rejected(forged, "serial 1 is older", installed=state_of(current))


def test_signing_keys_not_signed_by_roots() -> None:
    rogue = SigningKey.generate()
    doc = _with_block(document(), 1, rogue)
    doc["signing_keys"]["root_signatures"] = []
    rejected(envelope(doc, rogue), "0 valid root signatures")


def test_tampered_installed_file_is_refused_on_load(tmp_path: Path) -> None:
    trust = tmp_path / "trust"
    pin_root(trust, b64(bytes(ROOT1.verify_key)))
    install(trust, envelope(document(), ROOT1), NOW)
    data = json.loads((trust / DOCUMENT_FILE).read_text())
    data["document"]["revoked"] = ["someone"]
    (trust / DOCUMENT_FILE).write_text(json.dumps(data))
    with pytest.raises(DirectoryRejected):
        load_installed(trust)


def test_install_rollback_on_disk(tmp_path: Path) -> None:
    trust = tmp_path / "trust"
    pin_root(trust, b64(bytes(ROOT1.verify_key)))
    install(trust, envelope(document(2), ROOT1), NOW)
    with pytest.raises(DirectoryRejected, match="older"):
        install(trust, envelope(document(1), ROOT1), NOW)
    with pytest.raises(DirectoryRejected, match="differs"):
        install(trust, envelope(document(2), ROOT1), NOW)
    loaded = load_installed(trust)
    assert loaded is not None and loaded.version == 2
