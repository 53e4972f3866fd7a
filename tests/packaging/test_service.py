"""Service mode: the systemd unit, and install -> upgrade -> uninstall staged under a temporary root."""

from __future__ import annotations

import configparser
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, clean_env, need_tools
from tests.packaging.test_bundle import free_port

UNIT = ROOT / "packaging" / "linux" / "passerelle.service"
INSTALL = ROOT / "packaging" / "linux" / "install-service.sh"
UNINSTALL = ROOT / "packaging" / "linux" / "uninstall-service.sh"


def unit_service_section() -> dict[str, str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNIT)
    return dict(parser["Service"])


def test_unit_runs_serve_unprivileged_and_hardened() -> None:
    service = unit_service_section()
    assert service["User"] == "passerelle"
    assert service["ExecStart"].endswith("serve --home /var/lib/passerelle")
    assert service["StateDirectory"] == "passerelle"
    for key, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
                       "PrivateTmp": "yes", "ReadWritePaths": "/var/lib/passerelle"}.items():
        assert service[key] == value, key


def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    need_tools("systemd-analyze")
    # verify insists that ExecStart exists: point it at a binary every machine has.
    text = UNIT.read_text().replace("/opt/passerelle/current/AppRun serve --home /var/lib/passerelle", "/bin/true")
    unit = tmp_path / "passerelle.service"
    unit.write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    problems = [line for line in result.stderr.splitlines() if "passerelle.service" in line]
    assert result.returncode == 0 and not problems, result.stderr


@pytest.fixture()
def staged_root() -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("staging a service install needs root (runuser, chown)")
    root = Path(tempfile.mkdtemp(prefix="passerelle-root-", dir="/tmp"))
    root.chmod(0o755)  # the service account must reach the staged /opt and /var/lib
    yield root
    shutil.rmtree(root, ignore_errors=True)


def stage(root: Path, script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    calls = root / "systemctl.calls"
    fake = root / "systemctl"
    fake.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    fake.chmod(0o755)
    env = clean_env(PASSERELLE_ROOT=str(root), SYSTEMCTL=str(fake), SERVICE_USER="nobody")
    result = subprocess.run([str(script), *args], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.packaging
def test_install_upgrade_uninstall_keep_the_site(appimage: Path, staged_root: Path) -> None:
    state = staged_root / "var/lib/passerelle"
    stage(staged_root, INSTALL, "--name", "Service Hospital", "--dicom-port", str(free_port()),
          "--http-port", str(free_port()), str(appimage))
    current = staged_root / "opt/passerelle/current"
    assert (current / "AppRun").exists()
    settings = (state / "settings.toml").read_text()
    keys = sorted(p.name for p in (state / "keys").iterdir())
    assert "Service Hospital" in settings and keys
    unit = (staged_root / "etc/systemd/system/passerelle.service").read_text()
    assert "User=nobody" in unit and f"{staged_root}/opt/passerelle/current/AppRun serve" in unit
    assert (staged_root / "systemctl.calls").read_text().splitlines() == [
        "daemon-reload", "enable passerelle.service", "restart passerelle.service"]

    # The installed program runs the engine as the service account on the service's home.
    # (systemd's User=, not runuser, which would answer SIGTERM itself).
    serve = subprocess.Popen([str(current / "AppRun"), "serve", "--home", str(state)], user="nobody",
                             group="nogroup", extra_groups=[], env=clean_env(QT_QPA_PLATFORM="offscreen"),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd="/")
    assert serve.stdout is not None
    try:
        first = serve.stdout.readline()
    finally:
        serve.send_signal(signal.SIGTERM)
        code = serve.wait(timeout=60)
    assert first.startswith("serving site"), first + serve.stdout.read()
    assert code == 0, "the engine must stop cleanly on SIGTERM (systemd's stop)"

    # Upgrade (same AppImage again, as a newer one would): site untouched, service restarted.
    stage(staged_root, INSTALL, str(appimage))
    assert (state / "settings.toml").read_text() == settings
    assert sorted(p.name for p in (state / "keys").iterdir()) == keys

    result = stage(staged_root, UNINSTALL)
    assert "site data kept" in result.stdout
    assert not (staged_root / "opt/passerelle").exists()
    assert not (staged_root / "etc/systemd/system/passerelle.service").exists()
    assert (state / "settings.toml").read_text() == settings
