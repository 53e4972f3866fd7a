# Sourced (not run) by system-deps.sh and package-deps.sh: install the Debian packages that are missing.
#
#   apt_install LABEL [--no-service-start] PACKAGE...
#
# Does nothing when every PACKAGE is installed. Otherwise installs the missing ones with apt-get
# (through sudo when not root; exits 1 with one line on stderr when there is no sudo), printing
# "LABEL: installing ...". --no-service-start puts a policy-rc.d in place for the install, so package
# scripts start no service (removed when the calling script exits; an existing one is left alone).
apt_install() {
  local label=$1
  shift
  local no_start=0
  if [ "${1:-}" = "--no-service-start" ]; then
    no_start=1
    shift
  fi
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  SUDO=""  # global: the EXIT trap below uses it after this function has returned
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "$label: missing ${missing[*]}; run as root or install sudo" >&2; exit 1; }
    SUDO=sudo
  fi
  echo "$label: installing ${missing[*]}"
  if [ "$no_start" -eq 1 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
