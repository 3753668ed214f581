#!/usr/bin/env bash
# Set up a fresh machine: system libraries where we may install them, then .venv in the repo.
#   scripts/setup.sh          the app and its demo
#   scripts/setup.sh --dev    also the test, lint and benchmark tools (PostgreSQL, Xvfb, and
#                             Chromium with its driver for the console's browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

# libzbar0: the zbar decoder. The rest: what Qt's X11 and offscreen platforms load, and CJK
# fonts for the Chinese interface.
system_packages=(libzbar0 libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 fonts-noto-cjk)
[ "$dev" = 1 ] && system_packages+=(postgresql xvfb chromium chromium-driver)

missing=()
for pkg in "${system_packages[@]}"; do
  if [ "$pkg" = postgresql ] && compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    continue  # any installed server version will do
  fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install ${missing[*]} (e.g. sudo apt-get install ${missing[*]});" \
         "without libzbar0 the zbar decoder is skipped, without the X11 libraries the app" \
         "has no window" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[terminal,backend,dev]'
else
  .venv/bin/python -m pip install -q -e '.[terminal,backend]'
fi
# The translations, compiled from their .ts sources (the app also does this at start): Chinese,
# and English's plural forms ("1 point", "2 points").
for lang in zh_CN en; do
    .venv/bin/pyside6-lrelease -silent "terminal/ui/i18n/terminal_$lang.ts" -qm "terminal/ui/i18n/terminal_$lang.qm"
done
# The JavaScript member side (member-js/): its locked dependencies, for npm test and the bench.
if [ "$dev" = 1 ]; then
  if command -v npm >/dev/null; then
    (cd member-js && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "setup: node/npm not found: member-js (the JavaScript member side) is not set up" >&2
  fi
fi
echo "setup: ready (.venv)" >&2
