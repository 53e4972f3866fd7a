#!/usr/bin/env bash
# Removes the Passerelle service and program. The site (/var/lib/passerelle: keys, database, spool) and
# the passerelle account are kept, so a later install finds them again. --purge-data deletes the site
# too, only when no transfer or stored study must survive it (keys cannot be recovered).
#
#   sudo uninstall-service.sh [--purge-data]
# For tests: PASSERELLE_ROOT, SYSTEMCTL as in install-service.sh.
set -euo pipefail
ROOT="${PASSERELLE_ROOT:-}"
SYSTEMCTL="${SYSTEMCTL:-systemctl}"
PURGE=0
[ "${1:-}" = "--purge-data" ] && PURGE=1
[ $# -le 1 ] && { [ $# -eq 0 ] || [ $PURGE -eq 1 ]; } || { echo "usage: uninstall-service.sh [--purge-data]" >&2; exit 1; }
if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then echo "uninstall-service: run as root (sudo)" >&2; exit 1; fi
UNIT="$ROOT/etc/systemd/system/passerelle.service"
if [ -n "$ROOT" ] || [ -d /run/systemd/system ] || [ "$SYSTEMCTL" != systemctl ]; then
  "$SYSTEMCTL" disable --now passerelle.service 2>/dev/null || true
fi
rm -f "$UNIT"
if [ -n "$ROOT" ] || [ -d /run/systemd/system ] || [ "$SYSTEMCTL" != systemctl ]; then
  "$SYSTEMCTL" daemon-reload || true
fi
rm -rf "$ROOT/opt/passerelle"
if [ $PURGE -eq 1 ]; then
  rm -rf "$ROOT/var/lib/passerelle"
  echo "uninstall-service: service, program and site data removed"
else
  echo "uninstall-service: service and program removed; site data kept in $ROOT/var/lib/passerelle"
fi
