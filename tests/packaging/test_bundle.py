"""The PyInstaller bundle and the AppImage start on a machine without the venv: self-test, window, runtime."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from appliance.service import ports
from tests.packaging.conftest import ROOT, clean_env, need_tools
from tests.packaging.screens import ocr_words, wait_for_window, xvfb

pytestmark = pytest.mark.packaging
RUNTIME_SIZE = 193_728


def run_self_test(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*command, "--self-test"], env=clean_env(**env), capture_output=True, text=True,
                            timeout=180, cwd="/")
    print(result.stdout, result.stderr)
    return result


def assert_all_checks_pass(result: subprocess.CompletedProcess[str]) -> None:
    lines = [line for line in result.stdout.splitlines() if line[:4] in ("ok  ", "FAIL")]
    names = [line.split()[1] for line in lines]
    assert names == ["site", "keys", "database", "engine", "window"], result.stdout
    assert all(line.startswith("ok") for line in lines), result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_bundle_self_test_passes_offscreen(bundle: Path) -> None:
    assert_all_checks_pass(run_self_test([str(bundle)]))


def test_appimage_self_test_passes_without_fuse(appimage: Path, tmp_path: Path) -> None:
    shot = tmp_path / "offscreen.png"
    result = run_self_test([str(appimage)], APPIMAGE_EXTRACT_AND_RUN="1", PASSERELLE_SELFTEST_SCREENSHOT=str(shot))
    assert_all_checks_pass(result)
    # The offscreen render really has glyphs (fonts found from inside the AppImage), not empty boxes.
    need_tools("convert", "tesseract")
    words = [w for w in ocr_words(shot) if len(w) >= 4]
    assert words, f"no readable text in the self-test's offscreen render {shot}"


def test_appimage_runtime_is_pinned_and_never_offers_updates(appimage: Path) -> None:
    need_tools("unsquashfs")
    head = appimage.read_bytes()[:RUNTIME_SIZE + 4]
    assert head[:4] == b"\x7fELF" and head[8:11] == b"AI\x02"
    assert head[RUNTIME_SIZE:RUNTIME_SIZE + 4] == b"hsqs", "the squashfs must start right after the runtime"
    info = subprocess.run([str(appimage), "--appimage-updateinformation"], capture_output=True, text=True,
                          env=clean_env(), timeout=60)
    assert info.stdout.strip() == ""
    stats = subprocess.run(["unsquashfs", "-s", "-o", str(RUNTIME_SIZE), str(appimage)],
                           capture_output=True, text=True, check=True).stdout
    assert "Compression xz" in stats


def test_appimage_carries_desktop_metainfo_icon_and_service_files(appimage: Path, tmp_path: Path) -> None:
    need_tools("desktop-file-validate", "appstreamcli")
    subprocess.run([str(appimage), "--appimage-extract"], cwd=tmp_path, env=clean_env(), check=True,
                   capture_output=True, timeout=120)
    appdir = tmp_path / "squashfs-root"
    desktop = appdir / "be.passerelle.Passerelle.desktop"
    assert desktop.exists() and (appdir / ".DirIcon").exists() and (appdir / "AppRun").exists()
    subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    subprocess.run(["appstreamcli", "validate", "--no-net",
                    str(appdir / "usr/share/metainfo/be.passerelle.Passerelle.metainfo.xml")], check=True)
    png = (appdir / "usr/share/icons/hicolor/256x256/apps/passerelle.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == 256
    for name in ("passerelle.service", "install-service.sh", "uninstall-service.sh"):
        assert (appdir / "usr/share/passerelle" / name).exists()


def free_port() -> int:
    return ports.free_port()


def test_appimage_window_under_xvfb_shows_text(appimage: Path, tmp_path: Path) -> None:
    need_tools("Xvfb", "xwd", "convert", "tesseract")
    if not (ROOT / "ui" / "app.py").exists():
        pytest.skip("ui/app.py is not written yet: there is no window to photograph")
    home = tmp_path / "site"
    env = clean_env(APPIMAGE_EXTRACT_AND_RUN="1")
    subprocess.run([str(appimage), "init", "--home", str(home), "--name", "Screenshot Hospital",
                    "--dicom-port", str(free_port()), "--http-port", str(free_port())],
                   env=env, check=True, capture_output=True, timeout=120)
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with xvfb() as display:
        log = (tmp_path / "gui.log").open("wb")
        gui = subprocess.Popen([str(appimage), "gui", "--home", str(home)], stdout=log, stderr=subprocess.STDOUT,
                               env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        try:
            try:
                shot = wait_for_window(display, tmp_path / "appimage-window.png", gui, timeout=90)
            except RuntimeError as exc:
                pytest.fail(f"{exc}; application output:\n{(tmp_path / 'gui.log').read_text(errors='replace')}")
            words = ocr_words(shot)
        finally:
            gui.terminate()
            try:
                gui.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gui.kill()
    shutil.copy(shot, shots / "appimage-xvfb.png")
    long_words = [w for w in words if len(w) >= 4]
    assert len(long_words) >= 3, f"OCR read {words!r} on {shots / 'appimage-xvfb.png'}: no readable text"
