#!/usr/bin/env bash
# Installs the Debian packages `make package` needs on top of system-deps.sh: squashfs (AppImage payload),
# wixl/msitools (stand-in MSI), desktop/AppStream validators, an SVG rasteriser (icons), the screenshot
# check (xwd, ImageMagick, tesseract OCR to prove the window shows glyphs, not empty boxes) and binutils
# (ELF inspection for the glibc floor). Idempotent: does nothing when everything is present.
set -euo pipefail
# shellcheck source=packaging/apt-install.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
PKGS=(
  libpython3.11 squashfs-tools wixl msitools desktop-file-utils appstream librsvg2-bin
  binutils file x11-apps x11-utils imagemagick tesseract-ocr tesseract-ocr-eng
)
apt_install package-deps "${PKGS[@]}"
