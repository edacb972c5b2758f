#!/usr/bin/env bash
# The benchmark, from a clean clone in one command: builds if needed, assembles a Spark home for
# local-cluster, and runs `bench` over the presets, batches and engines of docs/BENCHMARKS.md.
# Extra arguments go to `bench` (e.g. --batches 256 --engines local[2]). Output: target/bench/results.md.
# The scaling measurements of docs/SCALING.md: --scaling --presets mlp --batches 64,256 (local-cluster
#   with 1-4 executors, and a standalone master with one single-core worker per executor that this
#   script starts on 127.0.0.1 and stops by PID).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MNIST_DIR="${MNIST_DIR:-$ROOT/../shared/data/mnist}"
if [[ ! -f "$ROOT/target/spark-gan.jar" || ! -d "$ROOT/target/lib" ]]; then
  mvn -B -q -f "$ROOT/pom.xml" -DskipTests -DskipClusterIT package
fi
mkdir -p "$ROOT/target/bench"
SH="$ROOT/target/bench/spark-home"
# shellcheck source=submit/spark-home.sh
source "$ROOT/submit/spark-home.sh"
DATA=()
[[ -f "$MNIST_DIR/train-images-idx3-ubyte.gz" ]] && DATA=(--data "$MNIST_DIR")
# The engines of docs/BENCHMARKS.md unless the arguments name their own (picocli would add them up).
ENGINES=(--engines 'inprocess-1,inprocess-2,local[2],local-cluster[2,1,3072]')
SCALING=0 STANDALONE_GIVEN=0 EXECUTORS=1,2,3,4 prev=
for a in "$@"; do
  case "$a" in
    --engines*) ENGINES=() ;;
    --scaling) SCALING=1 ;;
    --standalone*) STANDALONE_GIVEN=1 ;;
    --executors=*) EXECUTORS=${a#--executors=} ;;
  esac
  [[ "$prev" == --executors ]] && EXECUTORS=$a
  prev=$a
done

# shellcheck source=submit/owned-processes.sh
source "$ROOT/submit/owned-processes.sh"

STANDALONE=()
if [[ $SCALING == 1 && $STANDALONE_GIVEN == 0 ]]; then
  # A standalone master and one single-core worker per executor of the largest count, on loopback.
  [[ "$EXECUTORS" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "bench.sh: --executors $EXECUTORS: expected counts such as 1,2,3,4" >&2; exit 2; }
  WORKERS=$(tr ',' '\n' <<<"$EXECUTORS" | sort -n | tail -1)
  LOGS="$ROOT/target/bench/standalone"
  rm -rf "$LOGS" && mkdir -p "$LOGS"
  MPORT=$(free_port 18077) || exit 1
  sed 's/^rootLogger.level = warn/rootLogger.level = info/' "$ROOT/conf/log4j2.properties" > "$LOGS/log4j2-daemons.properties"
  DAEMON=(java @"$ROOT/conf/java-options" -Dlog4j2.configurationFile="file:$LOGS/log4j2-daemons.properties" -Xmx512m -cp "$SH/jars/*")
  "${DAEMON[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$MPORT" --webui-port 0 >"$LOGS/master.log" 2>&1 &
  PIDS+=("$!"); disown "$!"
  deadline=$(( $(date +%s) + 60 ))
  until grep -q "I have been elected leader" "$LOGS/master.log" 2>/dev/null; do
    [[ $(date +%s) -lt $deadline ]] || { echo "bench.sh: the standalone master did not start within 60 s (log: $LOGS/master.log)" >&2; exit 1; }
    sleep 0.5
  done
  for ((w = 1; w <= WORKERS; w++)); do
    mkdir -p "$LOGS/worker$w"
    "${DAEMON[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2560m --webui-port 0 \
      --work-dir "$LOGS/worker$w" "spark://127.0.0.1:$MPORT" >"$LOGS/worker$w.log" 2>&1 &
    PIDS+=("$!"); disown "$!"
  done
  deadline=$(( $(date +%s) + 90 ))
  until [[ $(grep -c 'Registering worker' "$LOGS/master.log" 2>/dev/null) -ge $WORKERS ]]; do
    [[ $(date +%s) -lt $deadline ]] || { echo "bench.sh: the standalone master did not register $WORKERS workers within 90 s (logs: $LOGS)" >&2; exit 1; }
    sleep 0.5
  done
  STANDALONE=(--standalone "spark://127.0.0.1:$MPORT")
fi
[[ $SCALING == 1 ]] && ENGINES=()
java @"$ROOT/conf/java-options" -Xmx12g -Dlog4j2.configurationFile="file:$ROOT/conf/log4j2.properties" \
  -cp "$ROOT/target/spark-gan.jar:$ROOT/target/lib/*" sparkgan.cli.Main bench "${DATA[@]}" \
  "${ENGINES[@]}" "${STANDALONE[@]}" "$@" | tee "$ROOT/target/bench/results.md"
