#!/usr/bin/env bash
# One command: builds benchmarks.jar offline, then runs compare.py with the reference venv.
#   benchmarks/compare/run.sh --quick      # < 10 min
#   benchmarks/compare/run.sh              # full run
# Python: $TUNA_VENV, else /opt/tuna-venv, else tools/keras-reference/.venv (see requirements.txt).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${TUNA_VENV:-}"
for v in "$venv" /opt/tuna-venv "$root/tools/keras-reference/.venv"; do
  if [[ -n "$v" && -x "$v/bin/python" ]]; then venv="$v"; break; fi
done
if ! "$venv/bin/python" -c "import cv2, torch, keras, scipy, importlib.util as u; assert u.find_spec('torchvision')" 2>/dev/null; then
  echo "installing opencv-python, torch, torchvision into $venv from the local wheel index" >&2
  "$venv/bin/pip" install -q --index-url file:///opt/pypi/simple --extra-index-url file:///opt/pypi-more/simple \
      --find-links /opt/wheels -r "$here/requirements.txt"
fi
if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && mvn -B -o -q install -pl core,augment,finetune -DskipTests && mvn -B -o -q package -pl benchmarks -DskipTests)
fi
exec "$venv/bin/python" "$here/compare.py" "$@"
