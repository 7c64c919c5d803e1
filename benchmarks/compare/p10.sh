#!/usr/bin/env bash
# P10 in one command: builds the examples module and its runtime classpath (mvn package, nothing installed), then
# runs p10.py (Python standard library only).
#   benchmarks/compare/p10.sh                                      # 3,000 images x 3 rounds + 2,000 for features
#   benchmarks/compare/p10.sh --images 20 --rounds 1 --feature-images 20   # a check that it runs
# SKIP_BUILD=1 reuses examples/target.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$root" && mvn -B -q package -pl examples -am -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
fi
exec python3 "$here/p10.py" "$@"
