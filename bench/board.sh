#!/usr/bin/env bash
# Instructor board benchmark (issue #5): 200 learners whose progress changes continuously
# (failed checks and hints through the API, ~20 changes/s), measured as the instructor sees
# it: time to fetch the rendered board (GET /instructor/board), and the delay from one
# learner's change (the API call returning) to the board's event stream carrying it.
# Goals: board render <= 50 ms, update delay <= 2 s. Prints one line per figure.
#
#   bench/board.sh        (env: LEARNERS=200, RENDERS=50, CHANGES=20, SCRATCH=.build,
#                          BIN=prebuilt binary)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
if [[ -z ${BIN:-} ]]; then
  swift build -c release --scratch-path "$scratch" --product sidecarlab >/dev/null
  BIN=$scratch/release/sidecarlab
fi
exec python3 bench/board.py --bin "$BIN" --labs "$PWD/Labs" --public "$PWD/Public" \
  --learners "${LEARNERS:-200}" --renders "${RENDERS:-50}" --changes "${CHANGES:-20}"
