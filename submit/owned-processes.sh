# Sourced by submit/it-cluster.sh and submit/bench.sh: the processes a script starts, stopped by PID
# on exit. Add each background process with PIDS+=("$!"); stop_pid PID stops one early; free_port
# picks a port for a daemon of theirs.
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
free_port() {  # free_port FROM: a port in [FROM, FROM+1000) that nothing on 127.0.0.1 listens on
  local from=$1 port tries
  for tries in $(seq 1 50); do
    port=$(( from + RANDOM % 1000 ))
    # A refused connection means the port is free (bash's /dev/tcp: no other tool needed).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port in [$from, $(( from + 1000 )))" >&2
  return 1
}
