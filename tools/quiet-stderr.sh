# Sourced by ./tuna. quiet_stderr copies stdin to stdout line by line, as lines arrive, without two kinds of lines that
# no option turns off:
# - the JVM's "WARNING: Using incubator modules: jdk.incubator.vector", printed whenever the Vector API module is
#   resolved (JDK 17 has no flag against it);
# - TensorFlow's lines logged through absl before absl::InitializeLog() ("WARNING: All log messages before
#   absl::InitializeLog() ..." and "I0000 00:00:... file.cc:N] ..."), which ignore TF_CPP_MIN_LOG_LEVEL: the same
#   level is applied to them here (1 drops INFO, 2 also WARNING, 3 also ERROR; unset or 0 keeps them all).
# Every other line passes unchanged.

quiet_stderr() {
  trap '' INT # outlive Ctrl-C so that the JVM's last words still get through
  local level="${TF_CPP_MIN_LOG_LEVEL:-0}" line severity
  local absl_line='^([IWEF])[0-9]{4} [0-9:.]+ +[0-9]+ [^ ]+:[0-9]+\] '
  local drop="" # absl severities to drop
  case "$level" in 1) drop=I ;; 2) drop=IW ;; 3 | 4) drop=IWE ;; esac
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" == "WARNING: Using incubator modules: jdk.incubator.vector" ]]; then
      continue
    fi
    if [[ -n "$drop" ]]; then
      if [[ "$line" == "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR" ]]; then
        continue
      fi
      if [[ "$line" =~ $absl_line ]]; then
        severity="${BASH_REMATCH[1]}"
        [[ "$drop" == *"$severity"* ]] && continue
      fi
    fi
    printf '%s\n' "$line"
  done
}

