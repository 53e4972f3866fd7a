"""TLS contexts for the peer endpoint (certificate and key, PEM) and for calling peers (CA bundle, verification).

TLS here is for the network in between (hospital proxies and firewalls that only pass HTTPS) and hides
paths and headers from observers; who a peer is rests on the handshake against the signed directory, and
the content is sealed end to end whatever the transport. Both sides refuse anything older than TLS 1.2.

    context = server_context(Path("cert.pem"), Path("key.pem"))   # ConfigError with one line if unusable
    context = client_context(Path("ca.pem"), verify=True)          # None ca_file: the system store only
"""

from __future__ import annotations

import ssl
from pathlib import Path

from appliance.errors import ConfigError

MINIMUM_VERSION = ssl.TLSVersion.TLSv1_2
MAX_PEM_BYTES = 1 << 20


def server_context(cert_file: Path, key_file: Path) -> ssl.SSLContext:
    """A server context serving `cert_file` (the certificate, then any intermediates) with `key_file`."""
    cert_text = _read_pem(cert_file, "tls_cert_file")
    key_text = _read_pem(key_file, "tls_key_file")
    if "-----BEGIN CERTIFICATE-----" not in cert_text:
        raise ConfigError(f"tls_cert_file {cert_file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
    if "PRIVATE KEY-----" not in key_text:
        raise ConfigError(f"tls_key_file {key_file} holds no PEM private key (-----BEGIN ... PRIVATE KEY-----)")
    if "ENCRYPTED" in key_text:
        raise ConfigError(f"tls_key_file {key_file} is protected by a passphrase: the engine starts unattended, "
                          "store the key without one (readable only by the account that runs Passerelle)")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = MINIMUM_VERSION
    try:
        context.load_cert_chain(cert_file, key_file, password=_no_passphrase)
    except ssl.SSLError as exc:
        if exc.reason == "KEY_VALUES_MISMATCH":
            raise ConfigError(f"tls_key_file {key_file} is not the private key of the certificate in "
                              f"tls_cert_file {cert_file}") from exc
        raise ConfigError(f"tls_cert_file {cert_file} and tls_key_file {key_file} cannot be used together: "
                          f"{_ssl_reason(exc)}") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read tls_cert_file or tls_key_file: {exc.strerror or exc}") from exc
    return context


def client_context(ca_file: Path | None = None, verify: bool = True) -> ssl.SSLContext:
    """A client context: peers' certificates checked against the system store plus `ca_file`, unless not
    `verify` (then any certificate is accepted; identity still comes from the handshake)."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.minimum_version = MINIMUM_VERSION
    if ca_file is not None:
        if "-----BEGIN CERTIFICATE-----" not in _read_pem(ca_file, "tls_ca_file"):
            raise ConfigError(f"tls_ca_file {ca_file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        try:
            context.load_verify_locations(cafile=ca_file)
        except ssl.SSLError as exc:
            raise ConfigError(f"tls_ca_file {ca_file} is not a usable CA bundle: {_ssl_reason(exc)}") from exc
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _read_pem(path: Path, setting: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PEM_BYTES)
    except OSError as exc:
        raise ConfigError(f"cannot read {setting} {path}: {exc.strerror or exc}") from exc
    return data.decode("ascii", "replace")


def _no_passphrase() -> bytes:
    raise ConfigError("the TLS private key asks for a passphrase: store it without one")


def _ssl_reason(exc: ssl.SSLError) -> str:
    return str(exc.reason or exc).replace("_", " ").lower()
