#!/usr/bin/env bash
# npm test runs this first (pretest): Debian programs the tests use and the build does not.
# - flite: stands in for an organisation's own speech program in the tests of speech.voices' "command" engine.
# - LibreOffice Calc: a real spreadsheet opens the editors' CSV export in the formula-safety test.
# - nginx and openssl: the forms server is tested behind the documented proxy configuration, over TLS.
# Installs only what is missing; needs root or sudo to install.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v flite >/dev/null 2>&1 || missing+=(flite)
[ -e /usr/lib/libreoffice/program/libsclo.so ] || missing+=(libreoffice-calc-nogui)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0
# shellcheck source=apt-install.sh
. scripts/apt-install.sh
apt_install "test setup" "${missing[@]}"
