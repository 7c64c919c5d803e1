#!/usr/bin/env bash
# Regenerates every golden fixture from real Keras / NumPy / SciPy / Pillow.
# Usage: tools/keras-reference/generate.sh            (all gen_*.py scripts)
#        tools/keras-reference/generate.sh gen_rng.py (one script)
# Creates tools/keras-reference/.venv on first use from the pinned requirements.txt. The machine's pip index must
# serve tensorflow-cpu 2.21.0 and keras 3.15.1; set TUNA_PIP_INDEX to point pip at a local index.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${TUNA_REFERENCE_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  index_args=()
  if [ -n "${TUNA_PIP_INDEX:-}" ]; then index_args=(--index-url "$TUNA_PIP_INDEX"); fi
  "$venv/bin/pip" install "${index_args[@]}" -r "$here/requirements.txt"
fi
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONHASHSEED=0 CUDA_VISIBLE_DEVICES=""
cd "$here"
scripts=("$@")
if [ ${#scripts[@]} -eq 0 ]; then scripts=(gen_*.py); fi
for s in "${scripts[@]}"; do
  echo "== $s"
  "$venv/bin/python" "$s"
done
