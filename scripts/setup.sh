#!/usr/bin/env bash
# npm run setup: installs what the pipeline needs on a Debian machine with Node 20, and nothing already there.
# Debian packages: Chromium (the accessibility gate and the tests; the build itself needs no browser), poppler-utils
# (pdfinfo, pdftotext, pdffonts) and qpdf: the tests hold every PDF against these independent readers. liblouis-bin:
# the braille edition is translated by its lou_translate.
# Screen-reader check (npm test, not the build): GNOME's Orca with a virtual display, D-Bus and the accessibility bus
# (orca xvfb dbus-x11 at-spi2-core python3-pyatspi), and xdotool to press Orca's "Say all" in the PDF viewer.
# Works before node_modules exists; running it twice is harmless.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
# liblouis: braille translation (lou_translate and its Unified English Braille tables).
command -v lou_translate >/dev/null 2>&1 || missing+=(liblouis-bin)
[ -x /usr/bin/orca ] || missing+=(orca)
[ -x /usr/bin/Xvfb ] || missing+=(xvfb)
[ -x /usr/bin/dbus-launch ] || missing+=(dbus-x11)
[ -x /usr/bin/xdotool ] || missing+=(xdotool)
[ -x /usr/libexec/at-spi-bus-launcher ] || missing+=(at-spi2-core)
/usr/bin/python3 -c 'import pyatspi' >/dev/null 2>&1 || missing+=(python3-pyatspi)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: Chromium found at $chromium; poppler-utils, qpdf, liblouis and Orca found"
else
  # shellcheck source=apt-install.sh
  . scripts/apt-install.sh
  apt_install setup "${missing[@]}" || { echo "       (a Chromium or Chrome elsewhere can be named with PUPPETEER_EXECUTABLE_PATH)." >&2; exit 1; }
  [ -x "$chromium" ] || { echo "setup: chromium was installed but $chromium does not exist; set PUPPETEER_EXECUTABLE_PATH." >&2; exit 1; }
  echo "setup: installed ${missing[*]}"
fi

# npm ci only when the lock file changed since the last install (npm ci deletes node_modules each time).
stamp=node_modules/.setup-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "setup: npm packages already installed"
else
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
echo "setup: done. Next: npm run build"
