#!/usr/bin/env bash
# Install Call Companion from this checkout into .venv and start it. Arguments go to `companion`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
need=()
dpkg-query -W -f='${Status}' libportaudio2 2>/dev/null | grep -q "install ok installed" || need+=(libportaudio2)
"$PYTHON" -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
# pynput's Linux backend needs evdev, which PyPI ships as source only: a compiler and headers.
for pkg in gcc python3-dev linux-libc-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})) && command -v apt-get >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "run-from-source: please install: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
[[ -x .venv/bin/python ]] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check uv
.venv/bin/python -m uv sync -q --locked --inexact
exec .venv/bin/companion "$@"
