"""A site's long-term key (Ed25519, signing only), its id and its readable fingerprint.

There is no long-term X25519 key: sessions agree on ephemeral X25519 keys that the Ed25519 keys sign
(docs/security.md, "Why a site has no long-term agreement key"). Sites created by earlier builds have an
unused `keys/agreement.key`; it is ignored and may be deleted."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.signing import SigningKey, VerifyKey

from appliance.domain import SiteId
from appliance.errors import ConfigError

SIGNING_KEY_FILE = "signing.key"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def site_id_for(verify_key: bytes) -> SiteId:
    """The site id: 26 lowercase base32 characters of SHA-256 over the raw Ed25519 public key."""
    digest = hashlib.sha256(b"passerelle-site-id\x00" + verify_key).digest()
    return SiteId(base64.b32encode(digest[:16]).decode("ascii").rstrip("=").lower())


def fingerprint_for(verify_key: bytes) -> str:
    """A fingerprint to read over the phone: 6 groups of 4 digits (80 bits)."""
    digest = hashlib.sha256(b"passerelle-fingerprint\x00" + verify_key).digest()
    number = int.from_bytes(digest[:10], "big")
    digits = f"{number:024d}"[-24:]
    return " ".join(digits[i : i + 4] for i in range(0, 24, 4))


@dataclass(frozen=True)
class SiteKeys:
    """The private key of a site."""

    signing: SigningKey

    @property
    def verify_key(self) -> VerifyKey:
        return self.signing.verify_key

    @property
    def site_id(self) -> SiteId:
        return site_id_for(bytes(self.signing.verify_key))

    @property
    def fingerprint(self) -> str:
        return fingerprint_for(bytes(self.signing.verify_key))

    @classmethod
    def generate(cls) -> SiteKeys:
        return cls(signing=SigningKey.generate())


def write_secret(path: Path, data: bytes) -> None:
    """Write a secret file readable only by its owner, durably."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def save_keys(keys: SiteKeys, key_dir: Path) -> None:
    key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_secret(key_dir / SIGNING_KEY_FILE, b64(bytes(keys.signing)).encode() + b"\n")


def load_keys(key_dir: Path) -> SiteKeys:
    try:
        signing = SigningKey(unb64((key_dir / SIGNING_KEY_FILE).read_text().strip()))
    except FileNotFoundError as exc:
        raise ConfigError(f"site key missing: {exc.filename}") from exc
    except ValueError as exc:
        raise ConfigError(f"site key in {key_dir} is unreadable: {exc}") from exc
    return SiteKeys(signing=signing)
