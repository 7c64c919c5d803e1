#!/usr/bin/env bash
# Regenerates every golden fixture from real Keras / NumPy / SciPy / Pillow.
# Usage: tools/keras-reference/generate.sh            (all gen_*.py scripts)
#        tools/keras-reference/generate.sh gen_rng.py (one script)
# Python: $TUNA_REFERENCE_VENV if set (used as it is when it imports TensorFlow, Keras, NumPy, SciPy and Pillow), else
# tools/keras-reference/.venv, created on first use from the pinned requirements.txt (see tools/venv.sh for where pip
# installs from; TUNA_PIP_INDEX names an index explicitly).
# gen_demo.py reads Debian's dataset-fashion-mnist and the chelsea photo of python3-skimage (or TUNA_FASHION_MNIST,
# TUNA_CHELSEA); run as root, this script installs the missing packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../venv.sh
source "$here/../venv.sh"
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONHASHSEED=0 CUDA_VISIBLE_DEVICES=""
export TUNA_FASHION_MNIST="${TUNA_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
export TUNA_CHELSEA="${TUNA_CHELSEA:-/usr/lib/python3/dist-packages/skimage/data/chelsea.png}"

demo_data() {
  # Installs (as root) or names the Debian packages whose files gen_demo.py reads.
  local -a missing=()
  [[ -f "$TUNA_FASHION_MNIST/train-images-idx3-ubyte.gz" ]] || missing+=(dataset-fashion-mnist)
  [[ -f "$TUNA_CHELSEA" ]] || missing+=(python3-skimage)
  [[ ${#missing[@]} -gt 0 ]] || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} (data of gen_demo.py)" >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
      || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; }
  fi
  if [[ ! -f "$TUNA_FASHION_MNIST/train-images-idx3-ubyte.gz" || ! -f "$TUNA_CHELSEA" ]]; then
    echo "error: gen_demo.py needs Fashion-MNIST in $TUNA_FASHION_MNIST and the photo $TUNA_CHELSEA:" \
      "apt-get install ${missing[*]} (Debian), or set TUNA_FASHION_MNIST / TUNA_CHELSEA to copies of them" >&2
    exit 1
  fi
}

venv="${TUNA_REFERENCE_VENV:-$here/.venv}"
cd "$here"
scripts=("$@")
if [ ${#scripts[@]} -eq 0 ]; then scripts=(gen_*.py); fi
for s in "${scripts[@]}"; do
  if [[ "$(basename "$s")" == gen_demo.py ]]; then demo_data; fi
done
tuna_venv "$venv" "$here/requirements.txt" "import tensorflow, keras, numpy, scipy, PIL" ${TUNA_REFERENCE_VENV:+given}
for s in "${scripts[@]}"; do
  echo "== $s"
  "$venv/bin/python" "$s"
done
