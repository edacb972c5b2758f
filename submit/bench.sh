#!/usr/bin/env bash
# The benchmark, from a clean clone in one command: builds if needed, assembles a Spark home for
# local-cluster, and runs `bench` over the presets, batches and engines of docs/BENCHMARKS.md.
# Extra arguments go to `bench` (e.g. --batches 256 --engines local[2]). Output: target/bench/results.md.
# The scaling points of docs/SCALING.md: --presets mlp --batches 64,256 --partitions 0
#   --engines 'local-cluster[1,1,2048],local-cluster[2,1,2048],local-cluster[3,1,2048],local-cluster[4,1,2048]'
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
for a in "$@"; do [[ "$a" == --engines* ]] && ENGINES=(); done
java @"$ROOT/conf/java-options" -Xmx12g -Dlog4j2.configurationFile="file:$ROOT/conf/log4j2.properties" \
  -cp "$ROOT/target/spark-gan.jar:$ROOT/target/lib/*" sparkgan.cli.Main bench "${DATA[@]}" \
  "${ENGINES[@]}" "$@" | tee "$ROOT/target/bench/results.md"
