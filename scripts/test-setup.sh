#!/usr/bin/env bash
# npm test runs this first (pretest): Debian programs the tests use and the build does not.
# - flite: stands in for an organisation's own speech program in the tests of speech.voices' "command" engine.
# Installs only what is missing; needs root or sudo to install.
set -euo pipefail
missing=()
command -v flite >/dev/null 2>&1 || missing+=(flite)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "test setup: installing Debian packages: ${missing[*]}…"
if [ "$(id -u)" = "0" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "test setup: ${missing[*]} not installed, and this script cannot install them. Ask an administrator to run: apt-get install ${missing[*]}" >&2
  exit 1
fi
