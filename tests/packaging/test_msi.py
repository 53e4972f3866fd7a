"""The MSI built by wixl from packaging/windows/passerelle.wxs around a stand-in payload: files, shortcuts,
upgrade table, autostart, per-machine scope. The real Windows bundle goes through the same .wxs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import DIST, ROOT, need_tools

pytestmark = pytest.mark.packaging
UPGRADE_CODE = "{6B0E3A52-3C1F-4E57-9D0B-7A5D2C4E8F11}"


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist's stand-in MSI from `make package`, else one built here (wixl takes a fraction of a second)."""
    built = sorted(DIST.glob("Passerelle-*-stand-in.msi"))
    if built:
        return built[-1]
    need_tools("wixl", "wixl-heat", "msiinfo", "msiextract")
    work = tmp_path_factory.mktemp("msi")
    out = work / "Passerelle-stand-in.msi"
    subprocess.run([str(ROOT / "packaging/windows/build-msi.sh"), "--stand-in", str(out)], check=True,
                   env={**os.environ, "MSI_WORK": str(work / "work")}, capture_output=True)
    return out


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """An MSI table as dicts (msiinfo export: header, types, key line, then rows)."""
    need_tools("msiinfo")
    lines = subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[3:] if line]


def test_msi_installs_the_bundle_layout(msi: Path) -> None:
    need_tools("msiextract")
    files = set(subprocess.run(["msiextract", "-l", str(msi)], capture_output=True, text=True,
                               check=True).stdout.split())
    for expected in ("Passerelle/passerelle.exe", "Passerelle/passerelle-w.exe",
                     "Passerelle/_internal/appliance/store/migrations/0001_initial.sql"):
        assert expected in files, sorted(files)
    assert any(f.startswith("Passerelle/_internal/PySide6/") for f in files)


def test_msi_has_start_menu_and_desktop_shortcuts_to_the_window(msi: Path) -> None:
    shortcuts = {row["Directory_"]: row for row in table(msi, "Shortcut")}
    assert set(shortcuts) == {"MenuDir", "DesktopFolder"}
    for row in shortcuts.values():
        assert row["Target"] == "[INSTALLDIR]passerelle-w.exe" and row["Arguments"] == "gui"
        assert row["Icon_"] == "PasserelleIcon"
    directories = {row["Directory"]: row for row in table(msi, "Directory")}
    assert directories["MenuDir"]["Directory_Parent"] == "ProgramMenuFolder"
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"


def test_msi_major_upgrade_with_a_fixed_upgrade_code(msi: Path) -> None:
    properties = {row["Property"]: row["Value"] for row in table(msi, "Property")}
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ALLUSERS"] == "1", "per-machine install"
    upgrades = table(msi, "Upgrade")
    assert {row["ActionProperty"] for row in upgrades} == {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"}
    assert all(row["UpgradeCode"] == UPGRADE_CODE for row in upgrades)
    sequence = {row["Action"] for row in table(msi, "InstallExecuteSequence")}
    assert {"FindRelatedProducts", "RemoveExistingProducts"} <= sequence


def test_msi_starts_the_engine_with_windows(msi: Path) -> None:
    run = [row for row in table(msi, "Registry") if row["Key"] == r"Software\Microsoft\Windows\CurrentVersion\Run"]
    assert len(run) == 1
    assert run[0]["Root"] == "2", "HKLM: for every user of the machine"
    assert run[0]["Value"] == '"[INSTALLDIR]passerelle-w.exe" serve'
