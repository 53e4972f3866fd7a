"""The TLS contexts a site's settings ask for: the peer endpoint's (HTTPS when a certificate is set) and the
one every outgoing HTTPS call uses (peers, the reachability probe, the directory URL)."""

from __future__ import annotations

import ssl

from appliance.service.settings import Settings
from appliance.transport.tls import client_context, server_context


def server_tls(settings: Settings) -> ssl.SSLContext | None:
    """The peer endpoint's context, or None for plain HTTP; ConfigError (one line) when the files are unusable."""
    cert, key = settings.tls_path(settings.tls_cert_file), settings.tls_path(settings.tls_key_file)
    if cert is None or key is None:
        return None
    return server_context(cert, key)


def client_tls(settings: Settings) -> ssl.SSLContext:
    """The context for calling https URLs: system store plus `tls_ca_file`, or no check without `tls_verify`."""
    return client_context(settings.tls_path(settings.tls_ca_file), settings.tls_verify)
