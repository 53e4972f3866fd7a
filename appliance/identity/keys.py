"""A site's long-term keys (Ed25519 signing, X25519 agreement), its id and its readable fingerprint."""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.public import PrivateKey, PublicKey
from nacl.signing import SigningKey, VerifyKey

from appliance.domain import SiteId
from appliance.errors import ConfigError

SIGNING_KEY_FILE = "signing.key"
BOX_KEY_FILE = "agreement.key"


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
    """The two private keys of a site."""

    signing: SigningKey
    agreement: PrivateKey

    @property
    def verify_key(self) -> VerifyKey:
        return self.signing.verify_key

    @property
    def agreement_public(self) -> PublicKey:
        return self.agreement.public_key

    @property
    def site_id(self) -> SiteId:
        return site_id_for(bytes(self.signing.verify_key))

    @property
    def fingerprint(self) -> str:
        return fingerprint_for(bytes(self.signing.verify_key))

    @classmethod
    def generate(cls) -> SiteKeys:
        return cls(signing=SigningKey.generate(), agreement=PrivateKey.generate())


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
    write_secret(key_dir / BOX_KEY_FILE, b64(bytes(keys.agreement)).encode() + b"\n")


def load_keys(key_dir: Path) -> SiteKeys:
    try:
        signing = SigningKey(unb64((key_dir / SIGNING_KEY_FILE).read_text().strip()))
        agreement = PrivateKey(unb64((key_dir / BOX_KEY_FILE).read_text().strip()))
    except FileNotFoundError as exc:
        raise ConfigError(f"site key missing: {exc.filename}") from exc
    except ValueError as exc:
        raise ConfigError(f"site key in {key_dir} is unreadable: {exc}") from exc
    return SiteKeys(signing=signing, agreement=agreement)
