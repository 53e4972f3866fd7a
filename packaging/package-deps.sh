#!/usr/bin/env bash
# Installs the Debian packages `make package` needs on top of system-deps.sh: squashfs (AppImage payload),
# wixl/msitools (stand-in MSI), desktop/AppStream validators, an SVG rasteriser (icons), the screenshot
# check (xwd, ImageMagick, tesseract OCR to prove the window shows glyphs, not empty boxes) and binutils
# (ELF inspection for the glibc floor). Idempotent: does nothing when everything is present.
set -euo pipefail
PKGS=(
  libpython3.11 squashfs-tools wixl msitools desktop-file-utils appstream librsvg2-bin
  binutils file x11-apps x11-utils imagemagick tesseract-ocr tesseract-ocr-eng
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "package-deps: missing ${missing[*]}; run as root or install sudo" >&2; exit 1; }
  SUDO=sudo
fi
echo "package-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
