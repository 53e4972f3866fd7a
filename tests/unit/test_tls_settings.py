"""The TLS settings (tls_cert_file, tls_key_file, tls_ca_file, tls_verify) and the contexts made from them."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path
from typing import Any

import pytest

from appliance.errors import ConfigError
from appliance.service.peer_tls import client_tls, server_tls
from appliance.service.settings import Settings, load_settings, save_settings
from appliance.transport.tls import client_context, server_context


def saved(home: Path, **changes: Any) -> Settings:
    save_settings(Settings(home=home, site_name="A", **changes))
    return load_settings(home)


def test_tls_is_off_by_default_and_the_endpoint_is_plain_http(tmp_path: Path) -> None:
    settings = saved(tmp_path, http_port=9000)
    assert not settings.serves_tls and settings.tls_verify
    assert settings.endpoint() == "http://127.0.0.1:9000"
    assert server_tls(settings) is None


def test_a_certificate_makes_the_default_endpoint_https_and_public_url_still_wins(tmp_path: Path) -> None:
    settings = saved(tmp_path, http_port=9000, tls_cert_file="c.pem", tls_key_file="k.pem")
    assert settings.serves_tls and settings.endpoint() == "https://127.0.0.1:9000"
    assert settings.with_changes(public_url="https://psl.example:443").endpoint() == "https://psl.example:443"


def test_relative_tls_paths_are_taken_from_the_site_home(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, site_name="A")
    assert settings.tls_path("tls/cert.pem") == tmp_path / "tls" / "cert.pem"
    assert settings.tls_path("/etc/ssl/cert.pem") == Path("/etc/ssl/cert.pem")
    assert settings.tls_path("") is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tls_cert_file": "c.pem"}, "tls_key_file is not set"),
        ({"tls_key_file": "k.pem"}, "tls_cert_file is not set"),
        ({"tls_verify": "no"}, "tls_verify must be true or false"),
        ({"tls_ca_file": 5}, "tls_ca_file must be a file path"),
        ({"tls_cert_file": ["c.pem"], "tls_key_file": "k.pem"}, "tls_cert_file must be a file path"),
    ],
)
def test_bad_tls_settings_are_refused_in_one_line(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    save_settings(Settings(home=tmp_path, site_name="A", **changes))
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(tmp_path)
    assert "\n" not in str(caught.value)


def test_client_context_checks_certificates_unless_told_not_to(tmp_path: Path) -> None:
    checking = client_tls(Settings(home=tmp_path, site_name="A"))
    assert checking.verify_mode == ssl.CERT_REQUIRED and checking.check_hostname
    assert checking.minimum_version == ssl.TLSVersion.TLSv1_2
    trusting = client_context(None, verify=False)
    assert trusting.verify_mode == ssl.CERT_NONE and not trusting.check_hostname
    assert trusting.minimum_version == ssl.TLSVersion.TLSv1_2


def test_unusable_ca_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read tls_ca_file"):
        client_tls(Settings(home=tmp_path, site_name="A", tls_ca_file="missing.pem"))
    (tmp_path / "junk.pem").write_text("not a certificate\n")
    with pytest.raises(ConfigError, match="holds no PEM certificate"):
        client_context(tmp_path / "junk.pem")


@pytest.fixture(scope="module")
def pem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate and its key, a second key, and the first key under a passphrase."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("pem")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    for command in (
        ["req", "-x509", *ec, "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=t"],
        ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", "other.pem"],
        ["pkcs8", "-topk8", "-in", "key.pem", "-out", "locked.pem", "-passout", "pass:secret"],
    ):
        subprocess.run(["openssl", *command], cwd=folder, capture_output=True, check=True, timeout=60)
    return folder


def test_server_context_serves_tls_1_2_or_newer(pem: Path) -> None:
    context = server_tls(Settings(home=pem, site_name="A", tls_cert_file="cert.pem", tls_key_file="key.pem"))
    assert context is not None and context.minimum_version == ssl.TLSVersion.TLSv1_2


@pytest.mark.parametrize(
    ("cert", "key", "message"),
    [
        ("cert.pem", "other.pem", "is not the private key of the certificate"),
        ("cert.pem", "locked.pem", "protected by a passphrase"),
        ("key.pem", "key.pem", "holds no PEM certificate"),
        ("cert.pem", "cert.pem", "holds no PEM private key"),
        ("cert.pem", "missing.pem", "cannot read tls_key_file"),
    ],
)
def test_unusable_certificate_or_key_is_one_clear_line(pem: Path, cert: str, key: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        server_context(pem / cert, pem / key)
    assert "\n" not in str(caught.value)
