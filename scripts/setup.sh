#!/usr/bin/env bash
# Set up a fresh machine: system libraries where we may install them, then .venv in the repo.
#   scripts/setup.sh          the app and its demo
#   scripts/setup.sh --dev    also the test, lint and benchmark tools (PostgreSQL, Xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

system_packages=(libzbar0)
[ "$dev" = 1 ] && system_packages+=(postgresql xvfb)

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
         "without libzbar0 the zbar decoder is skipped" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$dev" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[dev]'
else
  .venv/bin/python -m pip install -q -e .
fi
echo "setup: ready (.venv)" >&2
