"""The `directory` and `trust` commands: operator tooling and installing a signed directory."""

from __future__ import annotations

import argparse
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from appliance.directory import operator, trust
from appliance.directory.document import Directory
from appliance.errors import BadInput, DirectoryRejected, NotInitialised, PeerUnreachable
from appliance.service.peer_tls import client_tls
from appliance.service.settings import load_settings
from appliance.service.sites import trust_dir_of

MAX_DIRECTORY_BYTES = 4 << 20


def fetch_document(
    source: str, timeout: float = 30.0, tls: ssl.SSLContext | None = None, proxy_url: str = ""
) -> bytes:
    """The signed document's bytes from a file path or an HTTP(S) URL, refusing oversized ones. An https URL
    is checked with `tls` (the site's client TLS settings; None: the system's defaults). A URL is fetched
    through `proxy_url` when it is set (an https one tunnelled with CONNECT), like peer transfers; environment
    proxy variables are ignored, as they are for peers."""
    if source.startswith(("http://", "https://")):
        try:
            with _opener(tls, proxy_url).open(source, timeout=timeout) as response:
                data: bytes = response.read(MAX_DIRECTORY_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            through = f" through the proxy {_shown_proxy(proxy_url)}" if proxy_url else ""
            raise PeerUnreachable(f"cannot fetch the directory from {source}{through}: {exc}") from exc
    else:
        path = Path(source)
        if not path.is_file():
            raise BadInput(f"no such directory file: {source}")
        with open(path, "rb") as handle:
            data = handle.read(MAX_DIRECTORY_BYTES + 1)
    if len(data) > MAX_DIRECTORY_BYTES:
        raise DirectoryRejected(f"directory document is larger than {MAX_DIRECTORY_BYTES >> 20} MiB")
    return data


def _opener(tls: ssl.SSLContext | None, proxy_url: str) -> urllib.request.OpenerDirector:
    """urllib with exactly these settings: the proxy (or none, whatever the environment says) and TLS context."""
    proxies = {"http": proxy_url, "https": proxy_url} if proxy_url else {}
    return urllib.request.build_opener(urllib.request.ProxyHandler(proxies), urllib.request.HTTPSHandler(context=tls))


def _shown_proxy(proxy_url: str) -> str:
    """The proxy without its credentials; urllib also takes `user:password@host:port` without a scheme."""
    return redacted(proxy_url if "://" in proxy_url else f"http://{proxy_url}")


def redacted(url: str) -> str:
    """The URL without user:password@ or query (alarms and logs must not leak credentials)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:  # also a port out of range
        return "(unparsable URL)"
    host = parts.hostname or ""
    if port is not None:
        host = f"{host}:{port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def install_from(home: Path, source: str) -> Directory:
    """Verify and install the document at `source` (a file, or a URL fetched with the site's TLS and proxy
    settings; without a site here yet, the system's defaults and no proxy)."""
    tls, proxy_url = None, ""
    if source.startswith(("http://", "https://")):
        try:
            settings = load_settings(home)
        except NotInitialised:
            settings = None
        if settings is not None:
            proxy_url = settings.proxy_url
            tls = client_tls(settings) if source.startswith("https://") else None
    return trust.install(trust_dir_of(home), fetch_document(source, tls=tls, proxy_url=proxy_url), time.time())


def pin_root_key(home: Path, root_key: str, threshold: int | None = None, remove: bool = False) -> str:
    """`trust KEY` pins one root public key; `trust ROOTS.json` pins the operator's whole root set;
    `trust --remove KEY` stops trusting one root."""
    if remove:
        roots = trust.unpin_root(trust_dir_of(home), root_key, threshold)
        return f"operator root removed ({len(roots.keys)} root key(s) left, threshold {roots.threshold})"
    if Path(root_key).is_file():
        roots = trust.pin_root_set(trust_dir_of(home), operator.read_root_set(Path(root_key)), threshold)
    else:
        roots = trust.pin_root(trust_dir_of(home), root_key, threshold)
    return f"operator root pinned ({len(roots.keys)} root key(s), threshold {roots.threshold})"


def run(args: argparse.Namespace) -> object:
    """Dispatch `passerelle directory ACTION`; returns what to print."""
    action = args.action
    if action == "create-operator-key":
        return operator.create_operator_key(Path(args.out))
    if action == "create-roots":
        key_dir = Path(args.key_dir) if args.key_dir else None
        return operator.create_root_set(Path(args.out), args.threshold, args.public or (), args.generate, key_dir)
    if action == "delegate":
        keys = [operator.public_key_text(k) for k in args.signing_key]
        return operator.delegate(Path(args.directory), Path(args.root_key), keys, args.threshold)
    if action == "add-site":
        return operator.add_site(Path(args.directory), Path(args.site_json))
    if action == "revoke":
        return operator.revoke(Path(args.directory), args.site_id)
    if action == "sign":
        if args.expires_days < 1:
            raise BadInput("--expires-days must be at least 1")
        return operator.sign(Path(args.directory), Path(args.key), args.expires_days, Path(args.out))
    if action == "install":
        directory = install_from(args.home, args.source)
        return {"installed_version": directory.version, "sites": len(directory.members),
                "expires": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(directory.expires))}
    raise BadInput(f"unknown directory action {action!r}")
