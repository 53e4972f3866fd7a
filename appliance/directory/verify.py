"""Pure directory verification: signatures against pinned roots, rollback, forks, expiry, size.

Trust chain (see docs/protocol.md): the appliance pins root keys and a root threshold. A document is
accepted when either
  (a) at least `root threshold` distinct pinned roots signed the document itself, or
  (b) its `signing_keys` block is signed by at least `root threshold` distinct roots, its serial is
      not lower than the installed one, and at least `signing_keys.threshold` distinct keys of that
      block signed the document.
Rotating the signing keys = the roots sign a new block with a higher serial.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

from appliance.crypto.handshake import verify
from appliance.directory.document import MAX_DOCUMENT_BYTES, Directory, format_time, parse_document, parse_signatures
from appliance.errors import DirectoryRejected
from appliance.identity.keys import b64
from appliance.protocol.codec import canonical_json

DOCUMENT_CONTEXT = b"passerelle/1 directory\x00"
SIGNING_KEYS_CONTEXT = b"passerelle/1 signing-keys\x00"
DEFAULT_GRACE_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class RootSet:
    """The operator root keys pinned on this appliance."""

    keys: tuple[bytes, ...]
    threshold: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.threshold <= len(set(self.keys)):
            raise ValueError("root threshold must be between 1 and the number of pinned roots")


@dataclass(frozen=True, slots=True)
class InstalledState:
    """What the appliance remembers of the last accepted directory, to refuse rollbacks and forks."""

    version: int
    sha256: str
    signing_serial: int = 0


class Freshness(enum.Enum):
    VALID = "valid"
    IN_GRACE = "expired-in-grace"  # still usable; raise an alarm
    EXPIRED = "expired"  # beyond grace: stop new outgoing transfers


def expiry_status(directory: Directory, now: float, grace_seconds: float = DEFAULT_GRACE_SECONDS) -> Freshness:
    if now <= directory.expires:
        return Freshness.VALID
    if now <= directory.expires + grace_seconds:
        return Freshness.IN_GRACE
    return Freshness.EXPIRED


def _count_signers(
    signatures: tuple[tuple[bytes, bytes], ...], allowed: set[bytes], context: bytes, message: bytes, what: str
) -> set[bytes]:
    """Distinct allowed keys with a valid signature; refuses a bad, duplicated or unknown signature."""
    seen: set[bytes] = set()
    for key, signature in signatures:
        if key in seen:
            raise DirectoryRejected(f"{what}: key {b64(key)[:12]}… is counted twice")
        seen.add(key)
        if key not in allowed:
            raise DirectoryRejected(f"{what}: signature by a key that is not trusted for it ({b64(key)[:12]}…)")
        if not verify(key, context, message, signature):
            raise DirectoryRejected(f"{what}: bad signature by key {b64(key)[:12]}…")
    return seen


def check_signatures(
    directory: Directory,
    signatures: tuple[tuple[bytes, bytes], ...],
    body: bytes,
    roots: RootSet,
    installed: InstalledState | None,
) -> None:
    """Apply the trust chain of the module docstring; DirectoryRejected with the first fault."""
    if not signatures:
        raise DirectoryRejected("directory is not signed")
    root_keys = set(roots.keys)
    block = directory.signing_keys
    delegated: set[bytes] = set()
    if block is not None:
        block_roots = _count_signers(
            block.root_signatures, root_keys, SIGNING_KEYS_CONTEXT, block.body(), "signing keys"
        )
        if len(block_roots) < roots.threshold:
            raise DirectoryRejected(
                f"signing keys carry {len(block_roots)} valid root signatures, {roots.threshold} required"
            )
        if installed is not None and block.serial < installed.signing_serial:
            raise DirectoryRejected(
                f"signing keys serial {block.serial} is older than the installed {installed.signing_serial}"
            )
        delegated = set(block.keys)
    signers = _count_signers(signatures, root_keys | delegated, DOCUMENT_CONTEXT, body, "directory")
    by_roots = len(signers & root_keys)
    by_delegates = len(signers & delegated)
    if by_roots >= roots.threshold:
        return
    if block is not None and by_delegates >= block.threshold:
        return
    needed = f"{roots.threshold} root" + (f" or {block.threshold} signing-key" if block else "")
    raise DirectoryRejected(f"too few valid signatures: {len(signers)} given, {needed} signatures required")


def verify_directory(
    data: bytes,
    roots: RootSet,
    installed: InstalledState | None,
    now: float | None,
    grace_seconds: float = DEFAULT_GRACE_SECONDS,
) -> Directory:
    """Verify a signed directory envelope; the accepted Directory, or DirectoryRejected with one reason.

    `installed=None` skips the rollback and fork checks, `now=None` the expiry check (re-reading the
    document this appliance already accepted).
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DirectoryRejected(f"directory is {len(data)} bytes, over the {MAX_DOCUMENT_BYTES}-byte limit")
    try:
        envelope = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DirectoryRejected("malformed directory: not UTF-8 JSON") from exc
    if not isinstance(envelope, dict) or not isinstance(envelope.get("document"), dict):
        raise DirectoryRejected("malformed directory: expected {document, signatures}")
    document = envelope["document"]
    directory = parse_document(document)
    signatures = parse_signatures(envelope.get("signatures", []), "signatures")
    check_signatures(directory, signatures, canonical_json(document), roots, installed)
    if installed is not None:
        if directory.version < installed.version:
            raise DirectoryRejected(
                f"directory version {directory.version} is older than the installed version {installed.version}"
            )
        if directory.version == installed.version and directory.sha256 != installed.sha256:
            raise DirectoryRejected(
                f"directory version {directory.version} differs from the installed document of the same version"
            )
    if now is not None and expiry_status(directory, now, grace_seconds) is Freshness.EXPIRED:
        grace_hours = int(grace_seconds // 3600)
        raise DirectoryRejected(
            f"directory expired on {format_time(directory.expires)} and its {grace_hours} h grace is over"
        )
    return directory


def state_of(directory: Directory) -> InstalledState:
    serial = directory.signing_keys.serial if directory.signing_keys else 0
    return InstalledState(directory.version, directory.sha256, serial)
