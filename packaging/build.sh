#!/usr/bin/env bash
# `make package`: everything that can be built on Linux, from a clean clone.
#   1. Debian packages for packaging (package-deps.sh), PyInstaller into the venv (the 'package' extra)
#   2. compiled translations if the UI provides them (python -m ui.i18n compile)
#   3. dist/passerelle/          PyInstaller one-folder bundle (build.spec)
#   4. dist/Passerelle-x86_64.AppImage   (packaging/appimage.py)
#   5. dist/Passerelle-VERSION-stand-in.msi   stand-in MSI from the real .wxs (packaging/windows/build-msi.sh)
# Times and sizes go to build/package-report.json and are printed at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || { echo "package: no virtualenv at .venv (run make venv first)" >&2; exit 1; }
mkdir -p build dist
declare -A SECONDS_FOR
step() {  # step NAME COMMAND...
  local name="$1"; shift
  local t0=$EPOCHREALTIME
  echo "== $name"
  "$@"
  SECONDS_FOR[$name]=$(awk "BEGIN { print $EPOCHREALTIME - $t0 }")
}

step deps ./packaging/package-deps.sh
step pyinstaller-install "$PY" -m pip install -q "pyinstaller==6.22.3"
compile_translations() {  # a missing or failing compiler leaves the bundle without .qm files, not broken
  if ! "$PY" -c "import ui.i18n" 2>/dev/null; then
    echo "package: ui.i18n is not there; bundling without compiled translations"
  elif ! "$PY" -m ui.i18n compile >build/translations.log 2>&1; then
    echo "package: WARNING: 'python -m ui.i18n compile' failed (build/translations.log); bundling the .qm files present"
  fi
}
step translations compile_translations
step bundle "$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
  --workpath build/pyinstaller build.spec
step appimage "$PY" packaging/appimage.py
step msi ./packaging/windows/build-msi.sh --stand-in

VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)"
FLOOR_JSON="$("$PY" packaging/glibc_floor.py dist/passerelle --json)"
"$PY" - "$VERSION" "$FLOOR_JSON" "deps=${SECONDS_FOR[deps]}" "translations=${SECONDS_FOR[translations]:-0}" \
  "bundle=${SECONDS_FOR[bundle]}" "appimage=${SECONDS_FOR[appimage]}" "msi=${SECONDS_FOR[msi]}" <<'PYEOF'
import json, sys
from pathlib import Path
version, floor = sys.argv[1], json.loads(sys.argv[2])
times = {k: round(float(v), 1) for k, v in (a.split("=") for a in sys.argv[3:])}
bundle = Path("dist/passerelle")
sizes = {
    "bundle_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()),
    "bundle_files": sum(1 for p in bundle.rglob("*") if p.is_file()),
    "appimage_bytes": Path("dist/Passerelle-x86_64.AppImage").stat().st_size,
    "msi_stand_in_bytes": Path(f"dist/Passerelle-{version}-stand-in.msi").stat().st_size,
}
report = {"version": version, "seconds": times, "sizes": sizes, "glibc_floor": floor["glibc_floor"],
          "glibc_floor_files": floor["files"]}
Path("build/package-report.json").write_text(json.dumps(report, indent=2) + "\n")
print(f"package: bundle {sizes['bundle_bytes'] / 1e6:.0f} MB in {sizes['bundle_files']} files, "
      f"AppImage {sizes['appimage_bytes'] / 1e6:.1f} MB, stand-in MSI {sizes['msi_stand_in_bytes'] / 1e3:.0f} kB")
print("package: seconds " + ", ".join(f"{k} {v}" for k, v in times.items()))
print(f"package: glibc floor {floor['glibc_floor']} ({', '.join(floor['files'][:3])})")
PYEOF
