"""The directory document: its JSON shape, strict parsing into frozen values, and lookups."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from appliance.domain import DicomNode, SiteId
from appliance.errors import DirectoryRejected
from appliance.identity.keys import b64, site_id_for, unb64
from appliance.protocol.codec import canonical_json

FORMAT = "passerelle-directory/1"
SIGNING_KEYS_FORMAT = "passerelle-signing-keys/1"
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def format_time(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), UTC).strftime(_TIME_FORMAT)


def parse_time(text: object, what: str) -> int:
    if not isinstance(text, str):
        raise DirectoryRejected(f"malformed directory: {what} must be a UTC time like 2026-01-31T12:00:00Z")
    try:
        return int(datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC).timestamp())
    except ValueError as exc:
        raise DirectoryRejected(f"malformed directory: {what} {text!r} is not like 2026-01-31T12:00:00Z") from exc


def _malformed(reason: str) -> DirectoryRejected:
    return DirectoryRejected(f"malformed directory: {reason}")


def _str(obj: dict[str, Any], key: str, what: str, max_len: int = 256) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or len(value) > max_len:
        raise _malformed(f"{what}: {key!r} must be a string of at most {max_len} characters")
    return value


def _int(obj: dict[str, Any], key: str, what: str, low: int = 0) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < low or value >= 2**53:
        raise _malformed(f"{what}: {key!r} must be an integer >= {low}")
    return value


def _key(text: object, what: str) -> bytes:
    try:
        data = unb64(text) if isinstance(text, str) else b""
    except ValueError:
        data = b""
    if len(data) != 32:
        raise _malformed(f"{what} is not a base64 32-byte public key")
    return data


def _str_list(obj: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and len(v) <= 512 for v in value):
        raise _malformed(f"{what}: {key!r} must be a list of strings")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class SiteEntry:
    """One member site as the directory lists it."""

    id: SiteId
    name: str
    signing_key: bytes
    endpoints: tuple[str, ...] = ()
    dicom: DicomNode | None = None
    referring_physicians: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        entry: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "signing_key": b64(self.signing_key),
            "endpoints": list(self.endpoints),
            "referring_physicians": list(self.referring_physicians),
        }
        if self.dicom is not None:
            entry["dicom"] = {"aet": self.dicom.aet, "host": self.dicom.host, "port": self.dicom.port}
        return entry


def parse_site(obj: object) -> SiteEntry:
    """A site entry; refuses one whose id is not the hash of its signing key (an injected site)."""
    if not isinstance(obj, dict):
        raise _malformed("a site entry is not an object")
    site_id = _str(obj, "id", "site", 64)
    signing = _key(obj.get("signing_key"), f"signing_key of site {site_id}")
    if site_id_for(signing) != site_id:
        raise DirectoryRejected(f"site {site_id} does not match its signing key (injected or altered entry)")
    if "agreement_key" in obj:  # written by earlier builds; never used (docs/security.md), still well-formed
        _key(obj.get("agreement_key"), f"agreement_key of site {site_id}")
    dicom_obj = obj.get("dicom")
    dicom = None
    if dicom_obj is not None:
        if not isinstance(dicom_obj, dict):
            raise _malformed(f"site {site_id}: dicom must be an object")
        dicom = DicomNode(
            aet=_str(dicom_obj, "aet", "dicom", 16),
            host=str(dicom_obj.get("host", ""))[:256],
            port=_int(dicom_obj, "port", "dicom"),
        )
    return SiteEntry(
        id=SiteId(site_id),
        name=_str(obj, "name", f"site {site_id}"),
        signing_key=signing,
        endpoints=_str_list(obj, "endpoints", f"site {site_id}"),
        dicom=dicom,
        referring_physicians=_str_list(obj, "referring_physicians", f"site {site_id}"),
    )


@dataclass(frozen=True, slots=True)
class SigningKeySet:
    """Operator signing keys delegated by the roots: `threshold` of `keys` must sign a document."""

    serial: int
    threshold: int
    keys: tuple[bytes, ...]
    root_signatures: tuple[tuple[bytes, bytes], ...]

    def body(self) -> bytes:
        return canonical_json(
            {
                "format": SIGNING_KEYS_FORMAT,
                "serial": self.serial,
                "threshold": self.threshold,
                "keys": [b64(k) for k in self.keys],
            }
        )

    def as_json(self) -> dict[str, object]:
        return {
            "serial": self.serial,
            "threshold": self.threshold,
            "keys": [b64(k) for k in self.keys],
            "root_signatures": [{"key": b64(k), "sig": b64(s)} for k, s in self.root_signatures],
        }


def parse_signatures(value: object, what: str) -> tuple[tuple[bytes, bytes], ...]:
    if not isinstance(value, list) or len(value) > 64:
        raise _malformed(f"{what} must be a list of at most 64 signatures")
    out: list[tuple[bytes, bytes]] = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("sig"), str):
            raise _malformed(f"{what}: each signature is {{key, sig}}")
        try:
            sig = unb64(item["sig"])
        except ValueError as exc:
            raise _malformed(f"{what}: signature is not base64") from exc
        out.append((_key(item.get("key"), f"{what} key"), sig))
    return tuple(out)


def _signing_keys(obj: object) -> SigningKeySet | None:
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise _malformed("signing_keys must be an object")
    keys_value = obj.get("keys")
    if not isinstance(keys_value, list) or not keys_value:
        raise _malformed("signing_keys.keys must be a non-empty list")
    keys = tuple(_key(k, "a delegated signing key") for k in keys_value)
    threshold = _int(obj, "threshold", "signing_keys", 1)
    if threshold > len(set(keys)):
        raise _malformed("signing_keys.threshold is larger than the number of keys")
    return SigningKeySet(
        serial=_int(obj, "serial", "signing_keys", 1),
        threshold=threshold,
        keys=keys,
        root_signatures=parse_signatures(obj.get("root_signatures", []), "signing_keys.root_signatures"),
    )


@dataclass(frozen=True)
class Directory:
    """An accepted (or being verified) directory document."""

    version: int
    issued: int
    expires: int
    sites: tuple[SiteEntry, ...]
    revoked: frozenset[str]
    signing_keys: SigningKeySet | None
    sha256: str

    def find_site(self, site_id: str) -> SiteEntry | None:
        for site in self.sites:
            if site.id == site_id:
                return site
        return None

    def is_revoked(self, site_id: str) -> bool:
        return site_id in self.revoked

    def find_by_name(self, name_or_id: str) -> SiteEntry | None:
        """A member by id or by display name (case-insensitive); revoked sites are never returned."""
        wanted = name_or_id.strip().casefold()
        for site in self.sites:
            if (site.id == name_or_id or site.name.casefold() == wanted) and not self.is_revoked(site.id):
                return site
        return None

    @property
    def members(self) -> tuple[SiteEntry, ...]:
        return tuple(s for s in self.sites if not self.is_revoked(s.id))


def document_hash(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document)).hexdigest()


def parse_document(document: object) -> Directory:
    """Parse the signed part of the envelope; DirectoryRejected names the first fault."""
    if not isinstance(document, dict):
        raise _malformed("document is not an object")
    if document.get("format") != FORMAT:
        raise _malformed(f"format must be {FORMAT!r}")
    sites_value = document.get("sites", [])
    if not isinstance(sites_value, list):
        raise _malformed("sites must be a list")
    sites = tuple(parse_site(s) for s in sites_value)
    ids = [s.id for s in sites]
    if len(set(ids)) != len(ids):
        raise _malformed("a site id is listed twice")
    names = [s.name.casefold() for s in sites]
    if len(set(names)) != len(names):
        raise _malformed("two sites share the same name")
    issued = parse_time(document.get("issued"), "issued")
    expires = parse_time(document.get("expires"), "expires")
    if expires <= issued:
        raise _malformed("expires is not after issued")
    return Directory(
        version=_int(document, "version", "document", 1),
        issued=issued,
        expires=expires,
        sites=sites,
        revoked=frozenset(_str_list(document, "revoked", "document")),
        signing_keys=_signing_keys(document.get("signing_keys")),
        sha256=document_hash(document),
    )
