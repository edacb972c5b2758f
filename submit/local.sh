#!/usr/bin/env bash
# Runs any spark-gan subcommand in local[*] (or --master URL) from target/, building it first when needed.
#   submit/local.sh train [options]     submit/local.sh generate --model runs/x --count 64 --out x.png
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/spark-gan.jar"
if [[ ! -f "$JAR" || ! -d "$ROOT/target/lib" || -n "$(find "$ROOT/src" "$ROOT/conf" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
  echo "building spark-gan (mvn package -DskipTests) ..." >&2
  mvn -B -q -f "$ROOT/pom.xml" -DskipTests package >&2
fi
# A run on this machine (local[*], local-cluster) binds to the loopback address, as Spark would after
# warning that the hostname resolves to it; a --master of another host keeps Spark's own choice.
MASTER=local PREVIOUS=
for arg in "$@"; do
  [[ "$PREVIOUS" == --master ]] && MASTER="$arg"
  [[ "$arg" == --master=* ]] && MASTER="${arg#--master=}"
  PREVIOUS="$arg"
done
[[ "$MASTER" == local* ]] && export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# OpenBLAS's kernels from the CPU's vector extensions unless OPENBLAS_CORETYPE is set.
source "$ROOT/submit/openblas-coretype.sh"
# One BLAS thread per task: Spark tasks are the parallelism.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
exec java @"$ROOT/conf/java-options" ${SPARKGAN_JAVA_OPTS:--Xmx8g} \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$JAR:$ROOT/target/lib/*" sparkgan.cli.Main "$@"
