"""Operator tooling: create root keys, add and revoke sites, sign and co-sign, delegate signing keys."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nacl.signing import SigningKey

from appliance.crypto.handshake import sign as sign_bytes
from appliance.directory.document import (
    FORMAT,
    SigningKeySet,
    format_time,
    parse_document,
    parse_signatures,
    parse_site,
)
from appliance.directory.files import read_json_object, write_json
from appliance.directory.verify import DOCUMENT_CONTEXT, SIGNING_KEYS_CONTEXT, RootSet
from appliance.errors import BadInput, DirectoryRejected
from appliance.identity.keys import b64, fingerprint_for, unb64, write_secret
from appliance.protocol.codec import canonical_json

ROOTS_FORMAT = "passerelle-roots/1"


def create_operator_key(out_path: Path) -> str:
    """Write a new Ed25519 operator key (mode 0600) and return its public key text (base64)."""
    if out_path.exists():
        raise BadInput(f"{out_path} already exists; an operator key is never overwritten")
    key = SigningKey.generate()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_secret(out_path, b64(bytes(key)).encode("ascii") + b"\n")
    return b64(bytes(key.verify_key))


def create_root_set(
    out_path: Path, threshold: int, public_keys: Sequence[str] = (), generate: int = 0, key_dir: Path | None = None
) -> dict[str, object]:
    """Write the public root set (ROOTS.json: root public keys and how many must agree) for appliances.

    The roots are the given public keys (each root holder ran `create-operator-key` on their own machine)
    plus `generate` new keys written to `key_dir/root-N.key` (0600; move each to its own medium)."""
    if out_path.exists():
        raise BadInput(f"{out_path} already exists; write the root set to a new file")
    try:
        keys = [unb64(k.strip()) for k in public_keys]
    except ValueError as exc:
        raise BadInput("root public keys must be base64 (the text `create-operator-key` printed)") from exc
    if any(len(k) != 32 for k in keys):
        raise BadInput("a root public key must be a 32-byte Ed25519 key (44 base64 characters)")
    if generate < 0 or (generate and key_dir is None):
        raise BadInput("--generate N needs --key-dir DIR for the new private keys")
    written: list[str] = []
    if generate and key_dir is not None:
        paths = [key_dir / f"root-{n}.key" for n in range(1, generate + 1)]
        taken = [str(p) for p in paths if p.exists()]
        if taken:
            raise BadInput(f"{taken[0]} already exists; an operator key is never overwritten")
        if len(set(keys)) + generate < threshold:  # checked before any key file is written
            raise BadInput(f"a threshold of {threshold} needs at least {threshold} root keys")
        for path in paths:
            keys.append(unb64(create_operator_key(path)))
            written.append(str(path))
    if len(set(keys)) != len(keys):
        raise BadInput("the same root key is given twice")
    try:
        roots = RootSet(tuple(keys), threshold)
    except ValueError as exc:
        raise BadInput(f"{exc} ({len(keys)} root key(s) given, threshold {threshold})") from exc
    write_json(out_path, roots_json(roots))
    return {"roots": len(roots.keys), "threshold": roots.threshold, "root_set": str(out_path),
            "private_keys": written, "public_keys": [b64(k) for k in roots.keys]}


def roots_json(roots: RootSet) -> dict[str, object]:
    return {"format": ROOTS_FORMAT, "keys": [b64(k) for k in roots.keys], "threshold": roots.threshold}


def read_root_set(path: Path) -> RootSet:
    """A ROOTS.json written by `create_root_set` (BadInput when it is not one)."""
    obj = read_json_object(path, "root set")
    keys, threshold = obj.get("keys"), obj.get("threshold")
    if obj.get("format") != ROOTS_FORMAT or not isinstance(keys, list) or not isinstance(threshold, int):
        raise BadInput(f"{path} is not a Passerelle root set ({ROOTS_FORMAT})")
    try:
        decoded = tuple(unb64(k) for k in keys if isinstance(k, str))
        if len(decoded) != len(keys) or any(len(k) != 32 for k in decoded):
            raise ValueError("a root key is not a base64 32-byte public key")
        return RootSet(decoded, threshold)
    except ValueError as exc:
        raise BadInput(f"{path}: {exc}") from exc


def public_key_text(value: str) -> str:
    """A public key given as base64 text, or as the path of a key file (its public half is used)."""
    path = Path(value)
    if path.is_file():
        return b64(bytes(load_operator_key(path).verify_key))
    return value.strip()


def load_operator_key(path: Path) -> Any:
    try:
        return SigningKey(unb64(path.read_text().strip()))
    except FileNotFoundError as exc:
        raise BadInput(f"operator key not found: {path}") from exc
    except (OSError, ValueError) as exc:
        raise BadInput(f"operator key {path} is unreadable") from exc


def _load_draft(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"document": {"format": FORMAT, "version": 0, "sites": [], "revoked": []}, "signatures": []}
    envelope = read_json_object(path, "directory")
    document = envelope.get("document")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadInput(f"{path} is not a Passerelle directory ({FORMAT})")
    envelope.setdefault("signatures", [])
    return envelope


def _edited(path: Path, envelope: dict[str, Any]) -> None:
    """Save a changed document: earlier signatures no longer cover it."""
    envelope["signatures"] = []
    write_json(path, envelope)


def add_site(directory_path: Path, site_json_path: Path) -> dict[str, object]:
    """Add or update a site from `passerelle identity --json` output; creates the directory if missing."""
    envelope = _load_draft(directory_path)
    site_obj = read_json_object(site_json_path, "site file")
    try:
        site = parse_site(site_obj)
    except DirectoryRejected as exc:
        raise BadInput(f"{site_json_path}: {exc}") from exc
    fingerprint = fingerprint_for(site.signing_key)
    claimed = site_obj.get("fingerprint")
    if claimed is not None and claimed != fingerprint:
        raise BadInput(f"{site_json_path}: the fingerprint does not match the signing key (altered site file)")
    document = envelope["document"]
    revoked = set(document.get("revoked", []))
    if site.id in revoked:
        raise BadInput(f"site {site.id} is revoked: its key can never be enrolled again; "
                       "the site must create a new key (a new site folder) and send its new identity")
    sites: list[dict[str, Any]] = [s for s in document.get("sites", []) if s.get("id") != site.id]
    same_name = [s for s in sites if str(s.get("name", "")).casefold() == site.name.casefold()]
    if any(s.get("id") not in revoked for s in same_name):
        raise BadInput(f"another site is already named {site.name!r}")
    # Re-enrolment under the same name (lost or stolen appliance): the revoked entry gives way to the new
    # key, and its id stays in `revoked`, so every appliance goes on refusing the old key.
    replaced = [str(s.get("id")) for s in same_name]
    sites = [s for s in sites if s not in same_name]
    sites.append(site.as_json())
    document["sites"] = sorted(sites, key=lambda s: str(s["id"]))
    _edited(directory_path, envelope)
    result: dict[str, object] = {"id": site.id, "name": site.name, "fingerprint": fingerprint, "sites": len(sites)}
    if replaced:
        result["replaces_revoked"] = ", ".join(replaced)
    return result


def revoke(directory_path: Path, site_id: str) -> dict[str, object]:
    """Add a site id to the revoked list (it stays listed, but no appliance will talk to it)."""
    if not site_id or len(site_id) > 64 or not site_id.isalnum():
        raise BadInput(f"{site_id!r} is not a site id")
    envelope = _load_draft(directory_path)
    revoked = set(envelope["document"].get("revoked", [])) | {site_id}
    envelope["document"]["revoked"] = sorted(revoked)
    _edited(directory_path, envelope)
    return {"revoked": site_id, "revoked_total": len(revoked)}


def sign(
    directory_path: Path, key_path: Path, expires_days: int, out_path: Path, now: float | None = None
) -> dict[str, object]:
    """Sign the directory. An edited document, or one this key already signed, gets version+1,
    issued=now, expires=now+days and this signature alone; a document signed by other keys and unchanged
    since gets this key's signature added (co-signing for a threshold; `expires_days` is then ignored).
    Writes `out_path` and keeps the new version in the draft too."""
    if expires_days < 1:
        raise BadInput("--expires-days must be at least 1")
    key = load_operator_key(key_path)
    envelope = _load_draft(directory_path)
    document: dict[str, Any] = envelope["document"]
    public = bytes(key.verify_key)
    signatures = list(envelope["signatures"])
    if any(k == public for k, _ in parse_signatures(signatures, "signatures")):
        signatures = []  # the same key again: a new version (e.g. to push the expiry back)
    if not signatures:
        moment = time.time() if now is None else now
        document["version"] = int(document.get("version", 0)) + 1
        document["issued"] = format_time(moment)
        document["expires"] = format_time(moment + expires_days * 86400)
    try:
        directory = parse_document(document)
    except DirectoryRejected as exc:
        raise BadInput(f"cannot sign: {exc}") from exc
    signature = sign_bytes(key, DOCUMENT_CONTEXT, canonical_json(document))
    signatures.append({"key": b64(public), "sig": b64(signature)})
    envelope["signatures"] = signatures
    write_json(out_path, envelope)
    if out_path.resolve() != directory_path.resolve():
        write_json(directory_path, envelope)
    return {
        "version": directory.version,
        "expires": format_time(directory.expires),
        "sites": len(directory.sites),
        "revoked": len(directory.revoked),
        "signatures": len(signatures),
        "signed_as": _role(public, directory.signing_keys),
    }


def _role(public: bytes, block: SigningKeySet | None) -> str:
    """What this signature counts as on an appliance (the pinned roots are not known here)."""
    if block is None:
        return "root key (appliances count it only if they pin it)"
    if public in block.keys:
        return f"delegated signing key (serial {block.serial}, {block.threshold} of {len(block.keys)} needed)"
    return "not a delegated signing key of this directory: appliances count it only if they pin it as a root"


def delegate(
    directory_path: Path, root_key_path: Path, signing_public_keys: Sequence[str], threshold: int = 1
) -> dict[str, object]:
    """Root tooling: name the operator signing keys. A new key set gets serial+1 and this root's
    signature; the same set gets this root's signature added (threshold of roots)."""
    try:
        keys = tuple(unb64(k) for k in signing_public_keys)
    except ValueError as exc:
        raise BadInput("signing public keys must be base64") from exc
    if not keys or any(len(k) != 32 for k in keys) or not 1 <= threshold <= len(set(keys)):
        raise BadInput("give 1 or more 32-byte signing keys and a threshold no larger than their number")
    root = load_operator_key(root_key_path)
    envelope = _load_draft(directory_path)
    document: dict[str, Any] = envelope["document"]
    current = document.get("signing_keys")
    same = (
        isinstance(current, dict)
        and current.get("keys") == [b64(k) for k in keys]
        and (current.get("threshold") == threshold)
    )
    serial = int(current.get("serial", 0)) if isinstance(current, dict) else 0
    block = SigningKeySet(serial if same else serial + 1, threshold, keys, ())
    root_sigs = list(current.get("root_signatures", [])) if same and isinstance(current, dict) else []
    if any(s.get("key") == b64(bytes(root.verify_key)) for s in root_sigs):
        raise BadInput("this root already signed these signing keys")
    root_sigs.append(
        {"key": b64(bytes(root.verify_key)), "sig": b64(sign_bytes(root, SIGNING_KEYS_CONTEXT, block.body()))}
    )
    document["signing_keys"] = {**block.as_json(), "root_signatures": root_sigs}
    _edited(directory_path, envelope)
    return {"serial": block.serial, "keys": len(keys), "threshold": threshold, "root_signatures": len(root_sigs)}
