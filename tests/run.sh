#!/usr/bin/env bash
# The whole test suite from a fresh machine: system packages the tests need, the project with
# its test extra in .venv, the quality gates (ruff, mypy) and pytest.
# Usage: bash tests/run.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# What the tests bring up for themselves: PortAudio, a virtual microphone (PulseAudio with ALSA's
# pulse plugin), speech (espeak-ng, sox, real recordings), Qt offscreen and under Xvfb (X libs,
# fonts incl. Korean for the test model's output), screenshots (imagemagick).
APT_PACKAGES=(
  python3-venv libportaudio2 libsndfile1 pulseaudio pulseaudio-utils libasound2-plugins
  espeak-ng sox pocketsphinx-testdata xvfb imagemagick fonts-dejavu-core fonts-nanum
  libegl1 libgl1 libx11-6 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libglib2.0-0 libdbus-1-3 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-xinerama0 libxcb-shm0
  util-linux baresip sip-tester
  xdotool xterm gcc python3-dev linux-libc-dev  # hotkey tests; pynput needs evdev (built from source)
  strace  # a second overlay must not open the running one's database
  tesseract-ocr tesseract-ocr-eng  # what a screenshot shows, read back (the agent's shift test)
  stress-ng  # real-time tests that must hold on a busy machine
  g++ icu-devtools  # the bundle build: numpy without BLAS from source, slimmed ICU data
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "tests/run.sh: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "tests/run.sh: missing system packages: ${missing[*]}" >&2
    echo "tests/run.sh: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# The tests start the app in hundreds of processes. With PYTHONDONTWRITEBYTECODE set (some CI
# images set it) each one compiles the app and its libraries from source again, half a second a
# start; an installed app has its bytecode, so the tests run with the cache on too.
unset PYTHONDONTWRITEBYTECODE

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check uv
# uv.lock pins every version; --inexact keeps uv itself in the environment.
.venv/bin/python -m uv sync -q --locked --inexact --extra test --extra build

if [[ $# -eq 0 && $(uname -s) == Linux ]]; then
  # The bundle test's slow step: numpy built without BLAS (about 4 minutes on 2 cores, once per
  # machine). Started now at the lowest priority, it uses the time the suite spends waiting on
  # real-time audio; the bundle build waits for it (a lock, lifting it to normal priority, as
  # on a busy machine nice 19 barely runs) and finds the wheel ready.
  nice -n 19 .venv/bin/python installers/numpy_without_blas.py \
    >"${TMPDIR:-/tmp}/callcompanion-numpy-build.log" 2>&1 &
fi

echo "== ruff"
.venv/bin/ruff check companion tests installers
.venv/bin/ruff format --check companion tests installers
echo "== mypy"
.venv/bin/mypy companion
echo "== pytest"
FUZZ=tests/unit/test_fuzz_parsers.py
set +e
if [[ $# -eq 0 ]]; then
  # Each pytest process of this run gets a temporary folder of its own: under the shared
  # default (/tmp/pytest-of-USER/pytest-N) a second test run on the machine, or the fuzzing
  # beside this one, prunes the folders of runs still in progress.
  run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/cc-tests.XXXXXX")
  # The parser fuzzing (thousands of inputs per parser, CPU-bound, no timing) runs in its own
  # lower-priority process beside the suite, which spends much of its time on real-time audio.
  fuzz_log="$run_tmp/fuzz.log"
  nice -n 10 .venv/bin/python -m pytest -q -p no:cacheprovider --basetemp="$run_tmp/fuzz" \
    "$FUZZ" >"$fuzz_log" 2>&1 &
  fuzz_pid=$!
  .venv/bin/python -m pytest -q --durations=25 --basetemp="$run_tmp/suite" --ignore="$FUZZ"
  code=$?
  # The suite is done, so nothing real-time is left to protect: the fuzzing finishes at normal
  # priority (on a busy machine, at nice 10 it would barely move; lowering niceness needs root).
  renice -n 0 -p "$fuzz_pid" >/dev/null 2>&1 || true
  wait "$fuzz_pid"
  fuzz_code=$?
  echo "== pytest $FUZZ (run beside the suite)"
  tail -n 30 "$fuzz_log"
  ((code == 0 || code == 5)) && ((fuzz_code != 0)) && code=$fuzz_code
  rm -rf "$run_tmp"
else
  .venv/bin/python -m pytest -q "$@"
  code=$?
fi
set -e
if [[ $code -eq 5 ]]; then
  echo "tests/run.sh: pytest collected no tests" >&2
  exit 1
fi
exit $code
