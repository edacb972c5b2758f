#!/usr/bin/env bash
# Submits spark-gan to a cluster through the real spark-submit (SPARK_HOME or spark-submit on PATH),
# with conf/spark-defaults.conf and the thin application jar. Spark's own options go first, then
# "--", then the spark-gan subcommand and its options:
#   submit/spark-submit.sh --master yarn --deploy-mode cluster --num-executors 8 --executor-cores 4 \
#     -- train --data hdfs:///data/mnist --out hdfs:///runs/gan1 --partitions 32
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/spark-gan.jar"
[[ -f "$JAR" ]] || mvn -B -q -f "$ROOT/pom.xml" -DskipTests package >&2
SUBMIT="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
spark_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do spark_args+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
# The driver's and every executor's OpenBLAS kernels: the user's OPENBLAS_CORETYPE, else the CPU's.
source "$ROOT/submit/openblas-coretype.sh"
if [[ -n "${OPENBLAS_CORETYPE:-}" && " ${spark_args[*]} " != *"spark.executorEnv.OPENBLAS_CORETYPE="* ]]; then
  spark_args+=(--conf "spark.executorEnv.OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
               --conf "spark.yarn.appMasterEnv.OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE")
fi
exec "$SUBMIT" --properties-file "$ROOT/conf/spark-defaults.conf" \
  --driver-java-options "-Dlog4j2.configurationFile=file:$ROOT/conf/log4j2.properties" \
  --class sparkgan.cli.Main "${spark_args[@]}" "$JAR" "$@"
