"""HTTPS between real appliances: B serves TLS with a certificate from a throwaway CA made at test time, and
its directory endpoint is `https://127.0.0.1:PORT`; A trusts that CA, or does not, or does not check."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import ssl
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.synthetic import StudySpec, cached_study
from tests.integration.appliance_proc import (
    SiteHome,
    cli,
    init_site,
    send,
    serve,
    sign_and_trust,
    status,
    wait_for,
)
from tests.integration.http_proxy import ConnectProxy
from tests.integration.peers import free_port

pytestmark = pytest.mark.timeout(180)


@dataclass(frozen=True)
class ThrowawayPki:
    ca: Path
    cert: Path
    key: Path
    other_key: Path  # a valid key that is not the certificate's


def openssl(*args: str, cwd: Path) -> None:
    result = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, f"openssl {' '.join(args)}: {result.stderr.strip()}"


def make_pki(folder: Path) -> ThrowawayPki:
    """A CA and a server certificate for 127.0.0.1 signed by it (EC P-256: fast to make), valid 2 days."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make test certificates (the cryptography package is "
                    "not a dependency of Passerelle)")
    folder.mkdir(parents=True, exist_ok=True)
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Passerelle test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", cwd=folder)
    (folder / "server.ext").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                                       "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                                       "authorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext", cwd=folder)
    return ThrowawayPki(folder / "ca.pem", folder / "server.pem", folder / "server.key", folder / "ca.key")


def set_setting(site: SiteHome, key: str, value: object) -> None:
    path = site.home / "settings.toml"
    text = json.dumps(value) if isinstance(value, str) else str(value).lower()
    new, count = re.subn(rf"(?m)^{key} = .*$", lambda _: f"{key} = {text}", path.read_text(encoding="utf-8"))
    assert count == 1, f"{key} not in {path}"
    path.write_text(new, encoding="utf-8")


def init_https_site(root: Path, name: str) -> SiteHome:
    """`init_site` with `--public-url https://127.0.0.1:PORT`: that is the endpoint the directory lists."""
    home = root / name.lower().replace(" ", "-")
    http_port, dicom_port = free_port(), free_port()
    cli("init", "--home", str(home), "--name", name, "--http-port", str(http_port), "--dicom-port", str(dicom_port),
        "--public-url", f"https://127.0.0.1:{http_port}")
    identity = json.loads(cli("identity", "--json", "--home", str(home)).stdout)
    assert identity["endpoints"] == [f"https://127.0.0.1:{http_port}"]
    (root / f"{home.name}.json").write_text(json.dumps(identity))
    return SiteHome(name, home, http_port, dicom_port, str(identity["id"]))


@pytest.fixture(scope="module")
def tls_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteHome, SiteHome, ThrowawayPki]:
    root = tmp_path_factory.mktemp("tls-pair")
    pki = make_pki(root / "pki")
    a, b = init_site(root, "CHU de Liège"), init_https_site(root, "CHR Citadelle")
    sign_and_trust(root, [a, b])
    set_setting(b, "tls_cert_file", str(pki.cert))
    set_setting(b, "tls_key_file", str(pki.key))
    return a, b, pki


def transfer_row(site: SiteHome, transfer_id: str) -> dict[str, object]:
    rows = [t for t in status(site)["transfers"] if t["id"] == transfer_id]  # type: ignore[union-attr,index]
    return rows[0] if rows else {}  # type: ignore[no-any-return]


def study_arrived(b: SiteHome, study_uid: str) -> bool:
    return any(t["study_uid"] == study_uid and t["direction"] == "in"  # type: ignore[index]
               for t in status(b)["transfers"])  # type: ignore[union-attr]


def test_study_arrives_over_https_through_a_connect_proxy_with_the_ca_trusted(
    tls_pair: tuple[SiteHome, SiteHome, ThrowawayPki],
) -> None:
    a, b, pki = tls_pair
    files = cached_study(StudySpec(instances=4, rows=64, columns=64, seed=61, patient_id="SYN-TLS-CA"))
    set_setting(a, "tls_ca_file", str(pki.ca))
    with ConnectProxy().running() as proxy:
        set_setting(a, "proxy_url", f"http://127.0.0.1:{proxy.port}")
        try:
            with serve(a), serve(b):
                with pytest.raises((urllib.error.URLError, ConnectionError)):  # HTTPS only: plain HTTP is refused
                    urllib.request.urlopen(f"http://127.0.0.1:{b.http_port}/psl1/chunk", data=b"", timeout=5)
                sent = send(a, files, to=b.name)
                transfer_id = str(sent["transfers"][0])  # type: ignore[index]
                wait_for(lambda: transfer_row(a, transfer_id).get("state") == "done", timeout=60,
                         what="the receipt over HTTPS")
                assert study_arrived(b, str(sent["studies"][0]))  # type: ignore[index]
        finally:
            set_setting(a, "proxy_url", "")
            set_setting(a, "tls_ca_file", "")
    assert f"127.0.0.1:{b.http_port}" in proxy.tunnels


def test_unknown_ca_keeps_the_study_retrying_with_the_reason_then_tls_verify_false_delivers(
    tls_pair: tuple[SiteHome, SiteHome, ThrowawayPki],
) -> None:
    a, b, _ = tls_pair
    files = cached_study(StudySpec(instances=2, rows=32, columns=32, seed=62, patient_id="SYN-TLS-NOCA"))
    with serve(b):
        with serve(a):
            sent = send(a, files, to=b.name)
            transfer_id = str(sent["transfers"][0])  # type: ignore[index]
            row = wait_for(lambda: (r := transfer_row(a, transfer_id)) and "retrying" in str(r["reason"]) and r,
                           timeout=30, what="a retrying reason")
        assert "TLS certificate" in str(row["reason"]) and "tls_ca_file" in str(row["reason"]), row  # type: ignore[index]
        assert row["state"] != "done" and not study_arrived(b, str(sent["studies"][0]))  # type: ignore[index]
        set_setting(a, "tls_verify", False)
        try:
            with serve(a):
                wait_for(lambda: transfer_row(a, transfer_id).get("state") == "done", timeout=60,
                         what="the receipt with tls_verify = false")
        finally:
            set_setting(a, "tls_verify", True)
    assert study_arrived(b, str(sent["studies"][0]))  # type: ignore[index]


@pytest.mark.parametrize("problem", ["mismatched key", "missing certificate"])
def test_serve_refuses_an_unusable_certificate_in_one_line(
    tls_pair: tuple[SiteHome, SiteHome, ThrowawayPki], problem: str
) -> None:
    _, b, pki = tls_pair
    if problem == "mismatched key":
        set_setting(b, "tls_key_file", str(pki.other_key))
    else:
        set_setting(b, "tls_cert_file", str(pki.cert.with_name("nowhere.pem")))
    try:
        result = cli("serve", "--home", str(b.home), check=False, timeout=60)
    finally:
        set_setting(b, "tls_cert_file", str(pki.cert))
        set_setting(b, "tls_key_file", str(pki.key))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    mismatched = problem == "mismatched key"
    assert ("is not the private key of the certificate" if mismatched else "cannot read tls_cert_file") in lines[0]


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def https_files(folder: Path, pki: ThrowawayPki) -> Iterator[int]:
    """Serve `folder` over HTTPS with the test certificate; yields the port."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietFiles, directory=str(folder)))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki.cert, pki.key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_directory_install_from_an_https_url_checks_the_certificate_with_the_site_settings(
    tls_pair: tuple[SiteHome, SiteHome, ThrowawayPki],
) -> None:
    a, _, pki = tls_pair
    with https_files(a.home.parent, pki) as port:
        url = f"https://127.0.0.1:{port}/signed.json"
        refused = cli("directory", "install", url, "--home", str(a.home), check=False)
        set_setting(a, "tls_ca_file", str(pki.ca))
        try:
            accepted = cli("directory", "install", url, "--home", str(a.home), check=False)
        finally:
            set_setting(a, "tls_ca_file", "")
    assert refused.returncode == 1 and "CERTIFICATE_VERIFY_FAILED" in refused.stderr, refused.stderr
    assert accepted.returncode == 0, accepted.stderr


def test_directory_install_from_an_https_url_tunnels_through_the_proxy_setting(
    tls_pair: tuple[SiteHome, SiteHome, ThrowawayPki],
) -> None:
    """A site whose way out is a CONNECT proxy fetches its directory through it, with the same TLS checks."""
    a, _, pki = tls_pair
    with https_files(a.home.parent, pki) as port, ConnectProxy().running() as proxy:
        url = f"https://127.0.0.1:{port}/signed.json"
        set_setting(a, "proxy_url", f"http://127.0.0.1:{proxy.port}")
        try:
            refused = cli("directory", "install", url, "--home", str(a.home), check=False)
            set_setting(a, "tls_ca_file", str(pki.ca))
            accepted = cli("directory", "install", url, "--home", str(a.home), check=False)
        finally:
            set_setting(a, "tls_ca_file", "")
            set_setting(a, "proxy_url", "")
    assert refused.returncode == 1 and "CERTIFICATE_VERIFY_FAILED" in refused.stderr, refused.stderr
    assert accepted.returncode == 0, accepted.stderr
    assert proxy.tunnels == [f"127.0.0.1:{port}", f"127.0.0.1:{port}"]
