# Shared by tools/keras-reference/generate.sh and benchmarks/compare/run.sh (source it, then call tuna_venv).
#
#   tuna_venv VENV REQUIREMENTS CHECK [given]
#
# Makes VENV a virtual environment (python3 -m venv) holding REQUIREMENTS (a pip requirements file):
# - VENV/bin/python missing: creates it. A venv's pip installs freely, also where the system Python is
#   "externally managed" (PEP 668).
# - VENV/.tuna-requirements holds the SHA-256 of REQUIREMENTS it was last installed from: up to date, nothing to do.
# - "given" (a venv the user named, e.g. TUNA_REFERENCE_VENV): used as it is when `VENV/bin/python -c CHECK`
#   succeeds; tuna never writes its marker there.
# - otherwise: pip install -r REQUIREMENTS, then the marker.
#
# Where pip installs from: TUNA_PIP_INDEX, if set, is the only index (--index-url). Else pip's own configuration
# (`pip config list`: pip.conf files and PIP_* variables) is read; when it names local file:// indexes
# (index-url / extra-index-url), the first becomes --index-url and the others --extra-index-url (unless the
# configuration already adds them), so pip never waits on an unreachable default index. find-links and constraints from the configuration apply as pip applies them anyway.
# Without any of that: a plain `pip install`.

tuna_pip_index_args() {
  # Prints the index options, one per line, for the pip of the Python given as $1.
  local python="$1" line key value url
  local -a urls
  if [[ -n "${TUNA_PIP_INDEX:-}" ]]; then
    printf '%s\n' --index-url "$TUNA_PIP_INDEX"
    return
  fi
  local -a index=() extra=() local_urls=()
  while IFS= read -r line; do
    key="${line%%=*}"
    value="${line#*=}"
    value="${value#\'}"
    value="${value%\'}"
    value="${value#\"}"
    value="${value%\"}"
    case "${key##*.}" in
      index-url) read -ra urls <<< "$value"; index+=("${urls[@]}") ;;
      extra-index-url) read -ra urls <<< "$value"; extra+=("${urls[@]}") ;;
    esac
  done < <("$python" -m pip config list 2>/dev/null || true)
  for url in "${index[@]}" "${extra[@]}"; do
    [[ "$url" == file://* ]] || continue
    [[ " ${local_urls[*]} " == *" $url "* ]] || local_urls+=("$url")
  done
  if [[ ${#local_urls[@]} -gt 0 ]]; then
    printf '%s\n' --index-url "${local_urls[0]}"
    for url in "${local_urls[@]:1}"; do
      # pip adds the configuration's extra-index-url to the command line's: name only the others.
      [[ " ${extra[*]} " == *" $url "* ]] || printf '%s\n' --extra-index-url "$url"
    done
  fi
}

tuna_venv() {
  local venv="$1" requirements="$2" check="$3" given="${4:-}"
  if [[ ! -x "$venv/bin/python" ]]; then
    if [[ -e "$venv" ]]; then
      echo "error: $venv exists but $venv/bin/python is no usable Python; remove it or name another venv" >&2
      return 1
    fi
    echo "creating the Python venv $venv" >&2
    if ! python3 -m venv "$venv"; then
      rm -rf "$venv"
      echo "error: 'python3 -m venv' failed; on Debian/Ubuntu install python3-venv (apt-get install python3-venv)" >&2
      return 1
    fi
  fi
  local sum
  sum="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [[ -f "$venv/.tuna-requirements" && "$(cat "$venv/.tuna-requirements")" == "$sum" ]]; then
    return 0
  fi
  if [[ -n "$given" ]] && TF_CPP_MIN_LOG_LEVEL=3 "$venv/bin/python" -c "$check" >/dev/null 2>&1; then
    return 0
  fi
  local -a index_args=()
  mapfile -t index_args < <(tuna_pip_index_args "$venv/bin/python")
  echo "installing $requirements into $venv${index_args[*]:+ (${index_args[*]})}" >&2
  # A file:// index without a project makes pip warn "Location ... is ignored" for each package: drop those lines.
  local rc=0
  { "$venv/bin/python" -m pip install -q "${index_args[@]}" -r "$requirements" 2>&1 1>&3 3>&- \
      | { grep -v "is ignored: it is neither a file nor a directory" >&2 || true; }; rc=${PIPESTATUS[0]}; } 3>&1 || true
  [[ $rc -eq 0 ]] || return 1
  local out
  if ! out="$(TF_CPP_MIN_LOG_LEVEL=3 "$venv/bin/python" -c "$check" 2>&1)"; then
    printf '%s\n' "$out" | tail -n 5 >&2
    echo "error: $venv lacks what $requirements names (check: $check)" >&2
    return 1
  fi
  if [[ -z "$given" ]]; then echo "$sum" > "$venv/.tuna-requirements"; fi
}
