"""The `directory` and `trust` commands: operator tooling and installing a signed directory."""

from __future__ import annotations

import argparse
import ssl
import time
import urllib.error
import urllib.request
from pathlib import Path

from appliance.directory import operator, trust
from appliance.directory.document import Directory
from appliance.errors import BadInput, DirectoryRejected, NotInitialised, PeerUnreachable
from appliance.service.peer_tls import client_tls
from appliance.service.settings import load_settings
from appliance.service.sites import trust_dir_of

MAX_DIRECTORY_BYTES = 4 << 20


def fetch_document(source: str, timeout: float = 30.0, tls: ssl.SSLContext | None = None) -> bytes:
    """The signed document's bytes from a file path or an HTTP(S) URL, refusing oversized ones. An https URL
    is checked with `tls` (the site's client TLS settings; None: the system's defaults)."""
    if source.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(source, timeout=timeout, context=tls) as response:
                data: bytes = response.read(MAX_DIRECTORY_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise PeerUnreachable(f"cannot fetch the directory from {source}: {exc}") from exc
    else:
        path = Path(source)
        if not path.is_file():
            raise BadInput(f"no such directory file: {source}")
        with open(path, "rb") as handle:
            data = handle.read(MAX_DIRECTORY_BYTES + 1)
    if len(data) > MAX_DIRECTORY_BYTES:
        raise DirectoryRejected(f"directory document is larger than {MAX_DIRECTORY_BYTES >> 20} MiB")
    return data


def install_from(home: Path, source: str) -> Directory:
    tls = None
    if source.startswith("https://"):
        try:
            tls = client_tls(load_settings(home))
        except NotInitialised:  # no site here (yet): the system's defaults
            pass
    return trust.install(trust_dir_of(home), fetch_document(source, tls=tls), time.time())


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
