# Sourced by submit/it-cluster.sh and submit/bench.sh: the processes a script starts, stopped by PID
# on exit. Add each background process with PIDS+=("$!"); stop_pid PID stops one early.
PIDS=()
stop_pid() {  # kill -9 a process we started and the processes it started (executors, drivers)
  local pid=$1 child
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do stop_pid "$child"; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
}
trap cleanup EXIT
