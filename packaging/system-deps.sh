#!/usr/bin/env bash
# Installs the Debian packages Passerelle's tests and demo need (DICOM peers, Qt's offscreen and Xvfb
# libraries, fonts). Idempotent: does nothing when everything is present.
set -euo pipefail
# shellcheck source=packaging/apt-install.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
PKGS=(
  orthanc orthanc-dicomweb dcmtk
  libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 fonts-dejavu-core
  xvfb libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 xauth
  nftables iproute2 procps e2fsprogs openssl
)
# Never let package scripts start the stock Orthanc service: tests start their own on loopback.
apt_install system-deps --no-service-start "${PKGS[@]}"
