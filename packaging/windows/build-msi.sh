#!/usr/bin/env bash
# Builds Passerelle's MSI with Debian's wixl from packaging/windows/passerelle.wxs.
#
#   packaging/windows/build-msi.sh --stand-in [OUT.msi]     stand-in payload (CI on Linux)
#   packaging/windows/build-msi.sh SOURCE_DIR [OUT.msi]     a real Windows bundle (dist/passerelle)
#
# A Windows bundle cannot be built on Linux (PyInstaller does not cross-compile), so CI builds the MSI
# around a stand-in payload with the real bundle's layout (passerelle.exe, passerelle-w.exe, _internal/)
# and inspects it; the Windows runner (.github/workflows/windows-msi.yml) builds the real one from the
# same .wxs with the WiX toolset.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${MSI_WORK:-$ROOT/build/msi}"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -1)"

if [ "${1:-}" = "--stand-in" ]; then
  SRC="$WORK/stand-in"
  OUT="${2:-$ROOT/dist/Passerelle-$VERSION-stand-in.msi}"
  rm -rf "$SRC"
  mkdir -p "$SRC/_internal/PySide6/Qt/plugins/platforms" "$SRC/_internal/PySide6/Qt/plugins/imageformats" \
           "$SRC/_internal/appliance/store/migrations" "$SRC/_internal/assets/translations"
  for f in passerelle.exe passerelle-w.exe _internal/python311.dll _internal/base_library.zip \
           _internal/PySide6/Qt6Core.dll _internal/PySide6/Qt/plugins/platforms/qwindows.dll \
           _internal/PySide6/Qt/plugins/platforms/qoffscreen.dll _internal/PySide6/Qt/plugins/imageformats/qsvg.dll; do
    printf 'Passerelle stand-in payload: %s\n' "$f" > "$SRC/$f"
  done
  cp "$ROOT"/appliance/store/migrations/*.sql "$SRC/_internal/appliance/store/migrations/"
  printf 'stand-in translation\n' > "$SRC/_internal/assets/translations/passerelle_fr.qm"
else
  SRC="$(cd "${1:?usage: build-msi.sh --stand-in | SOURCE_DIR [OUT.msi]}" && pwd)"
  OUT="${2:-$ROOT/dist/Passerelle-$VERSION.msi}"
fi
for f in passerelle.exe passerelle-w.exe _internal; do
  [ -e "$SRC/$f" ] || { echo "build-msi: $SRC/$f is missing (not a Windows bundle?)" >&2; exit 1; }
done
mkdir -p "$WORK" "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
# wixl resolves every source path against the current folder and refuses absolute ones.
cd "$ROOT"
SRC="$(realpath --relative-to="$ROOT" "$SRC")"
# The _internal tree as a generated fragment (ComponentGroup InternalFiles under INTERNALDIR).
find "$SRC/_internal" -type f | LC_ALL=C sort \
  | wixl-heat -p "$SRC/_internal/" --directory-ref INTERNALDIR --component-group InternalFiles \
      --var var.InternalDir --win64 > "$WORK/internal.wxs"
wixl -a x64 -o "$OUT" \
  -D SourceDir="$SRC" -D InternalDir="$SRC/_internal" -D Version="$VERSION" -D Win64=yes \
  -D IconFile="packaging/windows/passerelle.ico" \
  "$HERE/passerelle.wxs" "$WORK/internal.wxs"
echo "build-msi: wrote $OUT ($(du -h "$OUT" | cut -f1))"
