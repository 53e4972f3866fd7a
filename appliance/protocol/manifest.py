"""The signed manifest of one transfer, and the signed receipt that closes it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from appliance.crypto.handshake import sign, verify
from appliance.domain import SiteId
from appliance.protocol.codec import (
    MalformedMessage,
    canonical_json,
    encode_bytes,
    field_bytes,
    field_int,
    field_list,
    field_object,
    field_str,
    parse_object,
)
from appliance.protocol.messages import ID_BYTES, SIG_BYTES
from appliance.protocol.peers import LocalKeys

DEFAULT_CHUNK_SIZE = 2 * 1024 * 1024
MIN_CHUNK_SIZE = 4 * 1024
MAX_CHUNK_SIZE = 16 * 1024 * 1024
MAX_FILES = 100_000
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MANIFEST_CONTEXT = b"passerelle/1 manifest\x00"
RECEIPT_CONTEXT = b"passerelle/1 receipt\x00"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_UID = re.compile(r"[0-9.]{1,64}")


def chunk_count_for(size: int, chunk_size: int) -> int:
    """Chunks a file of `size` bytes needs; an empty file still has one (empty) chunk."""
    return max(1, -(-size // chunk_size))


@dataclass(frozen=True, slots=True)
class ManifestFile:
    """One DICOM instance in a transfer."""

    series_uid: str
    sop_instance_uid: str
    size: int
    sha256: str
    chunks: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a transfer carries, frozen by the sender; `hash` identifies it in every chunk header."""

    transfer_id: bytes
    sender: SiteId
    receiver: SiteId
    study_uid: str
    created: int
    chunk_size: int
    files: tuple[ManifestFile, ...]

    def body(self) -> bytes:
        return canonical_json(
            {
                "type": "manifest",
                "transfer": encode_bytes(self.transfer_id),
                "from": self.sender,
                "to": self.receiver,
                "study": self.study_uid,
                "created": self.created,
                "chunk_size": self.chunk_size,
                "files": [
                    {
                        "series": f.series_uid,
                        "sop": f.sop_instance_uid,
                        "size": f.size,
                        "sha256": f.sha256,
                        "chunks": f.chunks,
                    }
                    for f in self.files
                ],
            }
        )

    @property
    def hash(self) -> bytes:
        return hashlib.sha256(self.body()).digest()

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def total_chunks(self) -> int:
        return sum(f.chunks for f in self.files)

    def chunk_span(self, file_index: int, chunk_index: int) -> tuple[int, int]:
        """(offset, length) of a chunk's plaintext within its file."""
        f = self.files[file_index]
        offset = chunk_index * self.chunk_size
        return offset, max(0, min(self.chunk_size, f.size - offset))

    def slots(self) -> list[tuple[int, int]]:
        return [(i, c) for i, f in enumerate(self.files) for c in range(f.chunks)]


def _file(obj: Any) -> ManifestFile:
    if not isinstance(obj, dict):
        raise MalformedMessage("manifest: a file entry is not an object")
    return ManifestFile(
        series_uid=field_str(obj, "series", "manifest file", 64),
        sop_instance_uid=field_str(obj, "sop", "manifest file", 64),
        size=field_int(obj, "size", "manifest file"),
        sha256=field_str(obj, "sha256", "manifest file", 64),
        chunks=field_int(obj, "chunks", "manifest file", 1, 2**32 - 1),
    )


def check_manifest(m: Manifest) -> None:
    """Internal consistency: sizes, chunk counts, hashes, UIDs. MalformedMessage names the first fault."""
    if not MIN_CHUNK_SIZE <= m.chunk_size <= MAX_CHUNK_SIZE:
        raise MalformedMessage(f"manifest: chunk size {m.chunk_size} out of range")
    if not m.files or len(m.files) > MAX_FILES:
        raise MalformedMessage(f"manifest: must list 1 to {MAX_FILES} files")
    if not _UID.fullmatch(m.study_uid):
        raise MalformedMessage("manifest: study UID is not a DICOM UID")
    seen: set[str] = set()
    for index, f in enumerate(m.files):
        if not (_UID.fullmatch(f.series_uid) and _UID.fullmatch(f.sop_instance_uid)):
            raise MalformedMessage(f"manifest: file {index} has an invalid UID")
        if f.sop_instance_uid in seen:
            raise MalformedMessage(f"manifest: file {index} repeats an instance")
        seen.add(f.sop_instance_uid)
        if not _SHA256.fullmatch(f.sha256):
            raise MalformedMessage(f"manifest: file {index} has an invalid sha256")
        if f.chunks != chunk_count_for(f.size, m.chunk_size):
            raise MalformedMessage(f"manifest: file {index} chunk count disagrees with its size")


def sign_manifest(me: LocalKeys, manifest: Manifest) -> bytes:
    """The signed manifest bytes the sender offers (and persists to resume)."""
    check_manifest(manifest)
    body = manifest.body()
    return canonical_json(
        {"body": parse_object(body, "manifest"), "sig": encode_bytes(sign(me.signing, MANIFEST_CONTEXT, body))}
    )


def parse_manifest(data: bytes) -> tuple[Manifest, bytes]:
    """(manifest, signature) from signed bytes; the signature is not verified here."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise MalformedMessage("manifest too large")
    outer = parse_object(data, "manifest")
    b = field_object(outer, "body", "manifest")
    if b.get("type") != "manifest":
        raise MalformedMessage("manifest: wrong type")
    manifest = Manifest(
        transfer_id=field_bytes(b, "transfer", "manifest", ID_BYTES),
        sender=SiteId(field_str(b, "from", "manifest", 64)),
        receiver=SiteId(field_str(b, "to", "manifest", 64)),
        study_uid=field_str(b, "study", "manifest", 64),
        created=field_int(b, "created", "manifest"),
        chunk_size=field_int(b, "chunk_size", "manifest"),
        files=tuple(_file(f) for f in field_list(b, "files", "manifest", MAX_FILES)),
    )
    check_manifest(manifest)
    return manifest, field_bytes(outer, "sig", "manifest", SIG_BYTES)


def manifest_signed_by(manifest: Manifest, signature: bytes, public_key: bytes) -> bool:
    return verify(public_key, MANIFEST_CONTEXT, manifest.body(), signature)


@dataclass(frozen=True, slots=True)
class Receipt:
    """The receiver's signed statement that the whole study of a manifest is committed."""

    transfer_id: bytes
    manifest_hash: bytes
    sender: SiteId
    receiver: SiteId
    study_uid: str
    files: int
    timestamp: int

    def body(self) -> bytes:
        return canonical_json(
            {
                "type": "receipt",
                "transfer": encode_bytes(self.transfer_id),
                "manifest": encode_bytes(self.manifest_hash),
                "from": self.receiver,
                "to": self.sender,
                "study": self.study_uid,
                "files": self.files,
                "time": self.timestamp,
            }
        )


def sign_receipt(me: LocalKeys, receipt: Receipt) -> bytes:
    body = receipt.body()
    return canonical_json(
        {"body": parse_object(body, "receipt"), "sig": encode_bytes(sign(me.signing, RECEIPT_CONTEXT, body))}
    )


def parse_receipt(data: bytes) -> tuple[Receipt, bytes]:
    outer = parse_object(data, "receipt")
    b = field_object(outer, "body", "receipt")
    if b.get("type") != "receipt":
        raise MalformedMessage("receipt: wrong type")
    receipt = Receipt(
        transfer_id=field_bytes(b, "transfer", "receipt", ID_BYTES),
        manifest_hash=field_bytes(b, "manifest", "receipt", 32),
        receiver=SiteId(field_str(b, "from", "receipt", 64)),
        sender=SiteId(field_str(b, "to", "receipt", 64)),
        study_uid=field_str(b, "study", "receipt", 64),
        files=field_int(b, "files", "receipt"),
        timestamp=field_int(b, "time", "receipt"),
    )
    return receipt, field_bytes(outer, "sig", "receipt", SIG_BYTES)


def receipt_signed_by(receipt: Receipt, signature: bytes, public_key: bytes) -> bool:
    return verify(public_key, RECEIPT_CONTEXT, receipt.body(), signature)
