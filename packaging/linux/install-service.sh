#!/usr/bin/env bash
# Installs (or upgrades) Passerelle as a systemd service running `passerelle serve` as user passerelle.
#
#   sudo install-service.sh [--name "CHR Citadelle"] [--pacs AET@HOST:PORT] [--dicom-port N] [--http-port N]
#                           Passerelle-x86_64.AppImage | APPDIR | BUNDLE_DIR
#
# The program goes to /opt/passerelle/VERSION (current -> VERSION; the previous version is kept for a
# rollback), the unit to /etc/systemd/system/passerelle.service, the site to /var/lib/passerelle. Running it
# again with a newer AppImage upgrades in place: the site's data is never touched, and the engine applies
# its schema migrations when it starts. --name creates the site on first install (never overwrites one).
# For tests: PASSERELLE_ROOT stages everything under another root, SYSTEMCTL replaces systemctl,
# SERVICE_USER names an existing account instead of creating passerelle.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="${PASSERELLE_ROOT:-}"
SYSTEMCTL="${SYSTEMCTL:-systemctl}"
USER_NAME="${SERVICE_USER:-passerelle}"
PREFIX="$ROOT/opt/passerelle"
STATE="/var/lib/passerelle"
UNIT_DIR="$ROOT/etc/systemd/system"

die() { echo "install-service: $*" >&2; exit 1; }
NAME="" INIT_ARGS=()
while [ $# -gt 1 ]; do
  case "$1" in
    --name) NAME="$2"; shift 2 ;;
    --pacs|--dicom-port|--http-port|--aet) INIT_ARGS+=("$1" "$2"); shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
[ $# -eq 1 ] || die "usage: install-service.sh [--name NAME] [--pacs AET@HOST:PORT] APPIMAGE|APPDIR|BUNDLE"
SOURCE="$(realpath "$1")"
[ -e "$SOURCE" ] || die "$SOURCE does not exist"
if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then die "run as root (sudo)"; fi
UNIT_SRC="$HERE/passerelle.service"
[ -f "$UNIT_SRC" ] || die "passerelle.service not found beside this script"

# 1. The unprivileged account (no login, home = the state folder).
if ! id -u "$USER_NAME" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$STATE" --no-create-home --shell /usr/sbin/nologin \
    --comment "Passerelle engine" "$USER_NAME"
  echo "install-service: created system user $USER_NAME"
fi

# 2. The program, unpacked once (no FUSE needed at run time, no extraction at every start).
mkdir -p "$PREFIX"
STAGE="$(mktemp -d "$PREFIX/.install.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
if [ -f "$SOURCE" ]; then
  (cd "$STAGE" && "$SOURCE" --appimage-extract >/dev/null) || die "cannot extract $SOURCE"
  mv "$STAGE/squashfs-root" "$STAGE/app"
elif [ -x "$SOURCE/AppRun" ]; then
  cp -a "$SOURCE" "$STAGE/app"
elif [ -x "$SOURCE/passerelle" ] && [ -d "$SOURCE/_internal" ]; then
  mkdir -p "$STAGE/app/usr/lib"
  cp -a "$SOURCE" "$STAGE/app/usr/lib/passerelle"
  printf '#!/bin/sh\nHERE="$(dirname "$(readlink -f "$0")")"\nexec "$HERE/usr/lib/passerelle/passerelle" "$@"\n' \
    > "$STAGE/app/AppRun"
  chmod 755 "$STAGE/app/AppRun"
else
  die "$SOURCE is neither an AppImage, an AppDir nor a PyInstaller bundle"
fi
VERSION="$("$STAGE/app/AppRun" --version | awk '{print $2}')"
[ -n "$VERSION" ] || die "cannot read the version of $SOURCE"
rm -rf "${PREFIX:?}/$VERSION"
mv "$STAGE/app" "$PREFIX/$VERSION"
chmod -R go-w "$PREFIX/$VERSION"
PREVIOUS="$(readlink "$PREFIX/current" 2>/dev/null || true)"
ln -sfn "$VERSION" "$PREFIX/.current.new" && mv -T "$PREFIX/.current.new" "$PREFIX/current"
for old in "$PREFIX"/*; do
  base="$(basename "$old")"
  [ "$base" = current ] || [ "$base" = "$VERSION" ] || [ "$base" = "$PREVIOUS" ] || rm -rf "$old"
done
echo "install-service: installed passerelle $VERSION in $PREFIX/$VERSION${PREVIOUS:+ (previous: $PREVIOUS)}"

# 3. The state folder (kept across upgrades and uninstall).
mkdir -p "$ROOT$STATE"
chown "$USER_NAME:" "$ROOT$STATE"
chmod 750 "$ROOT$STATE"
APP="$PREFIX/current/AppRun"
if [ ! -f "$ROOT$STATE/settings.toml" ] && [ -n "$NAME" ]; then
  runuser -u "$USER_NAME" -- env QT_QPA_PLATFORM=offscreen "$APP" init --home "$ROOT$STATE" --name "$NAME" \
    "${INIT_ARGS[@]}"
fi

# 4. The unit.
mkdir -p "$UNIT_DIR"
sed -e "s|^User=.*|User=$USER_NAME|" -e "s|^Group=.*|Group=$(id -gn "$USER_NAME")|" \
    -e "s|/opt/passerelle/|$PREFIX/|g" "$UNIT_SRC" > "$UNIT_DIR/passerelle.service.new"
mv "$UNIT_DIR/passerelle.service.new" "$UNIT_DIR/passerelle.service"
if [ -z "$ROOT" ] && [ ! -d /run/systemd/system ] && [ "$SYSTEMCTL" = systemctl ]; then
  echo "install-service: systemd is not running here; unit written, enable it with: systemctl enable --now passerelle"
  exit 0
fi
"$SYSTEMCTL" daemon-reload
"$SYSTEMCTL" enable passerelle.service
if [ -f "$ROOT$STATE/settings.toml" ]; then
  "$SYSTEMCTL" restart passerelle.service
  echo "install-service: passerelle.service (re)started; logs: journalctl -u passerelle, $STATE/logs/"
else
  echo "install-service: no site yet. Create it, then start the service:"
  echo "  sudo runuser -u $USER_NAME -- $APP init --home $STATE --name \"Your hospital\" --pacs AET@HOST:PORT"
  echo "  sudo systemctl start passerelle"
fi
