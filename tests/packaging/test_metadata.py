"""Desktop entry, AppStream metainfo and WiX source are valid on their own (no build needed)."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

from tests.packaging.conftest import ROOT, need_tools
from tests.packaging.test_msi import UPGRADE_CODE

DESKTOP = ROOT / "packaging" / "linux" / "be.passerelle.Passerelle.desktop"
METAINFO = ROOT / "packaging" / "be.passerelle.Passerelle.metainfo.xml"
WXS = ROOT / "packaging" / "windows" / "passerelle.wxs"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"


def test_desktop_entry_validates() -> None:
    need_tools("desktop-file-validate")
    subprocess.run(["desktop-file-validate", str(DESKTOP)], check=True)


def test_metainfo_validates_and_names_the_desktop_entry() -> None:
    need_tools("appstreamcli")
    subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], check=True, capture_output=True)
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name


def test_wix_source_keeps_its_upgrade_code_and_per_machine_scope() -> None:
    product = ET.parse(WXS).getroot().find(f"{WIX}Product")
    assert product is not None
    assert "{" + product.get("UpgradeCode", "") + "}" == UPGRADE_CODE, "never change the UpgradeCode"
    package = product.find(f"{WIX}Package")
    assert package is not None and package.get("InstallScope") == "perMachine"
    assert product.find(f"{WIX}MajorUpgrade") is not None
