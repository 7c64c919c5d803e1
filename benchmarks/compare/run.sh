#!/usr/bin/env bash
# One command: builds benchmarks.jar (and the modules it needs), then runs compare.py in its own Python venv.
#   benchmarks/compare/run.sh --quick      # < 10 min
#   benchmarks/compare/run.sh              # full run
# Python: $TUNA_VENV if set (requirements.txt is installed into it when it lacks a package), else
# benchmarks/compare/.venv, created on first use from requirements.txt (see tools/venv.sh for where pip installs from;
# TUNA_PIP_INDEX names an index explicitly).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../tools/venv.sh
source "$root/tools/venv.sh"
venv="${TUNA_VENV:-$here/.venv}"
check="import cv2, torch, keras, scipy, PIL, importlib.util as u; assert u.find_spec('torchvision')"
if [[ " $* " == *" --only layers "* || " $* " == *" --only=layers "* ]]; then
  check="import keras, tensorflow"  # P8/P9 need neither cv2 nor torch: a given Keras + TensorFlow venv will do
elif [[ " $* " =~ \ --only[\ =](finetune-any|predict|rss-any)\  ]]; then
  check="import keras, tensorflow, scipy, PIL"  # P6/P7: Keras' legacy ImageDataGenerator, no cv2 or torch
fi
tuna_venv "$venv" "$here/requirements.txt" "$check" ${TUNA_VENV:+given}
if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && mvn -B -q package -pl benchmarks -am -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi
exec "$venv/bin/python" "$here/compare.py" "$@"
