#!/usr/bin/env bash
# Cluster integration test: spark-gan through the real spark-submit path (SparkSubmit), on executors
# in their own JVMs (local-cluster, standalone, YARN), reading from a real HDFS, with executor and
# driver faults. Every run's final
# weights are compared with a local[2] run of the same seed, config and partition count: they must
# be bit-identical (the aggregation is exact, see README). Run by `mvn verify` (integration-test
# phase) and so by .ci/run; alone: `bash submit/it-cluster.sh` after `mvn package`.
#
# Everything binds to 127.0.0.1; every process this script starts is stopped by its PID on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${IT_WORK:-$ROOT/target/it-cluster}"
MNIST_DIR="${MNIST_DIR:-$ROOT/../shared/data/mnist}"
STEPS=40
T0=$(date +%s)

log() { printf '[it-cluster %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
fail() { log "FAIL: $*"; exit 1; }

if [[ ! -f "$ROOT/target/spark-gan.jar" || ! -d "$ROOT/target/lib" || ! -f "$ROOT/target/test-classpath.txt" ]]; then
  mvn -B -q -f "$ROOT/pom.xml" -DskipTests -DskipClusterIT package
fi
if [[ ! -f "$MNIST_DIR/train-images-idx3-ubyte.gz" ]]; then
  # A bare clone: the embedded sample (built into target/classes) in the same file layout.
  log "no MNIST in $MNIST_DIR: using the embedded sample"
  MNIST_DIR="$ROOT/target/classes/sparkgan/mnist-sample"
  [[ -f "$MNIST_DIR/train-images-idx3-ubyte.gz" ]] || fail "no embedded sample in $MNIST_DIR (run mvn package)"
fi
rm -rf "$WORK"
mkdir -p "$WORK"

# ---------------------------------------------------------------- processes we own
# shellcheck source=submit/owned-processes.sh
source "$ROOT/submit/owned-processes.sh"
source "$ROOT/submit/openblas-coretype.sh"  # one set of OpenBLAS kernels for every compared run

# ---------------------------------------------------------------- a Spark home from the Maven jars
SH="$WORK/spark-home"
# shellcheck source=submit/spark-home.sh
source "$ROOT/submit/spark-home.sh"
JAVA_OPTS_LINE=$(tr '\n' ' ' < "$ROOT/conf/java-options")
JAVA=(java @"$ROOT/conf/java-options" -Dlog4j2.configurationFile="file:$ROOT/conf/log4j2.properties")

APP=(--data "$MNIST_DIR" --steps "$STEPS" --batch 64 --partitions 4 --seed 11
     --set g.layers=64,256,784 --set d.layers=784,256,1 --set data.limit=12000
     --set out.checkpointEvery=10 --set out.sampleEvery=20 --set out.logEvery=1 --set data.mirrors=)


run_submit() {  # run_submit LOG [spark options...] -- [spark-gan arguments...]: starts it in the background
  local logf=$1; shift
  local spark=() ; while [[ "$1" != "--" ]]; do spark+=("$1"); shift; done; shift
  # As Spark's launcher does, HADOOP_CONF_DIR goes on the classpath (the YARN scenarios set it).
  "${JAVA[@]}" -Xmx2g -cp "$SH/jars/*${HADOOP_CONF_DIR:+:$HADOOP_CONF_DIR}" org.apache.spark.deploy.SparkSubmit \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.executor.memory=1g \
    --conf spark.locality.wait=100ms --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 \
    --conf "spark.driver.extraJavaOptions=$JAVA_OPTS_LINE" \
    --class sparkgan.cli.Main "${spark[@]}" "$ROOT/target/spark-gan.jar" "$@" >"$logf" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  LAST_PID=$pid
}
run_wrapper() {  # run_wrapper LOG [spark options...] -- [spark-gan arguments...]: the same through the
  # documented wrapper, submit/spark-submit.sh (conf/spark-defaults.conf, bin/spark-submit of $SH)
  local logf=$1; shift
  SPARK_HOME="$SH" "$ROOT/submit/spark-submit.sh" --conf spark.driver.host=127.0.0.1 \
    --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false "$@" >"$logf" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
SUBMIT_DEADLINE=${IT_SUBMIT_DEADLINE:-300}  # seconds one submitted run may take (they take 20-70 s)
wait_pid() {  # wait_pid PID LOG : waits at most SUBMIT_DEADLINE s for a run, stops it after; sets RC
  local pid=$1 logf=$2 deadline=$(( $(date +%s) + SUBMIT_DEADLINE ))
  while kill -0 "$pid" 2>/dev/null; do
    if [[ $(date +%s) -ge $deadline ]]; then
      stop_pid "$pid"
      tail -30 "$logf"
      fail "run still going after $SUBMIT_DEADLINE s: stopped, log $logf"
    fi
    sleep 0.5
  done
  RC=0
  wait "$pid" 2>/dev/null || RC=$?
}
wait_submit() {  # wait_submit LOG : waits for LAST_PID, fails with the log's tail on error
  local logf=$1
  wait_pid "$LAST_PID" "$logf"
  [[ $RC -eq 0 ]] || { tail -30 "$logf"; fail "run failed (exit $RC), log $logf"; }
}
checksums() {  # the G and D lines of `inspect`
  "${JAVA[@]}" -cp "$ROOT/target/spark-gan.jar:$ROOT/target/lib/*" sparkgan.cli.Main inspect --model "$1" \
    | awk '$1=="iteration"{print "iteration " $2} $1=="tensor" && ($2=="G" || $2=="D") {print $2 " " $5}'
}
compare() {  # compare NAME MODEL_URI
  local got; got=$(checksums "$2")
  if [[ "$got" != "$REFERENCE" ]]; then
    echo "expected:"; echo "$REFERENCE"; echo "got:"; echo "$got"
    fail "$1: final weights differ from the local[2] run"
  fi
  log "$1: bit-identical to local[2] ($(echo "$got" | tr '\n' ' '))"
}
wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@"; do
    [[ $(date +%s) -lt $deadline ]] || fail "timed out waiting for $what"
    sleep 0.5
  done
}
metrics_step() {  # the last step in a run's metrics.csv (0 if none)
  [[ -f "$1/metrics.csv" ]] && tail -1 "$1/metrics.csv" | cut -d, -f1 | grep -E '^[0-9]+$' || echo 0
}

# ---------------------------------------------------------------- 0. the reference: local[2]
t=$(date +%s)
run_submit "$WORK/local.log" --master 'local[2]' -- train --out "$WORK/out-local" "${APP[@]}"
wait_submit "$WORK/local.log"
REFERENCE=$(checksums "$WORK/out-local")
log "local[2] reference in $(( $(date +%s) - t )) s: $(echo "$REFERENCE" | tr '\n' ' ')"

# ---------------------------------------------------------------- 1. local-cluster: two executor JVMs
# The documented wrapper, submit/spark-submit.sh (with conf/spark-defaults.conf), through bin/spark-submit.
t=$(date +%s)
run_wrapper "$WORK/wrapper.log" --master 'local-cluster[2,1,1024]' -- train --out "$WORK/out-wrapper" "${APP[@]}"
wait_submit "$WORK/wrapper.log"
compare "submit/spark-submit.sh (local-cluster, conf/spark-defaults.conf) in $(( $(date +%s) - t )) s" "$WORK/out-wrapper"

# Kryo instead of Java serialization must not change a bit (GanKryoRegistrator keeps the bulk format).
t=$(date +%s)
run_submit "$WORK/local-cluster-kryo.log" --master 'local-cluster[2,1,1024]' \
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer -- train --out "$WORK/out-kryo" "${APP[@]}"
wait_submit "$WORK/local-cluster-kryo.log"
compare "local-cluster with Kryo serialization in $(( $(date +%s) - t )) s" "$WORK/out-kryo"

# ---------------------------------------------------------------- 2. standalone master + two workers
MPORT=$(free_port 17077) || fail "no free port for the standalone master"
# The daemons log at INFO: their registration lines are what we wait for.
sed 's/^rootLogger.level = warn/rootLogger.level = info/' "$ROOT/conf/log4j2.properties" > "$WORK/log4j2-daemons.properties"
DAEMON=(java @"$ROOT/conf/java-options" -Dlog4j2.configurationFile="file:$WORK/log4j2-daemons.properties")
"${DAEMON[@]}" -Xmx512m -cp "$SH/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MPORT" --webui-port 0 >"$WORK/master.log" 2>&1 &
PIDS+=("$!"); disown "$!"  # no job-control noise when cleanup kills it
wait_for 60 "the master" grep -q "I have been elected leader" "$WORK/master.log"
for w in 1 2; do
  mkdir -p "$WORK/worker$w"
  "${DAEMON[@]}" -Xmx512m -cp "$SH/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 2 --memory 2g --webui-port 0 --work-dir "$WORK/worker$w" \
    "spark://127.0.0.1:$MPORT" >"$WORK/worker$w.log" 2>&1 &
  PIDS+=("$!"); disown "$!"
done
wait_for 60 "two workers" bash -c "[[ \$(grep -c 'Registering worker' '$WORK/master.log') -ge 2 ]]"
log "standalone master spark://127.0.0.1:$MPORT with 2 workers"

t=$(date +%s)
run_submit "$WORK/standalone-cluster.log" --master "spark://127.0.0.1:$MPORT" --deploy-mode cluster \
  --conf spark.standalone.submit.waitAppCompletion=true --total-executor-cores 2 --executor-cores 1 \
  -- train --out "$WORK/out-standalone-cluster" "${APP[@]}"
wait_submit "$WORK/standalone-cluster.log"
[[ -f "$WORK/out-standalone-cluster/model.sgan" ]] || { tail -20 "$WORK"/worker*/driver-*/stderr; fail "cluster mode wrote no model"; }
compare "standalone cluster mode in $(( $(date +%s) - t )) s" "$WORK/out-standalone-cluster"

# ---------------------------------------------------------------- 3. fault: kill -9 an executor
# (in client mode: this run also stands for standalone client mode without a fault)
t=$(date +%s)
OUT="$WORK/out-executor-kill"
run_submit "$WORK/executor-kill.log" --master "spark://127.0.0.1:$MPORT" --deploy-mode client \
  --total-executor-cores 2 --executor-cores 1 -- train --out "$OUT" "${APP[@]}"
wait_for 180 "step 15 of the executor-kill run" bash -c "[[ \$(tail -1 '$OUT/metrics.csv' 2>/dev/null | cut -d, -f1) =~ ^[0-9]+$ && \$(tail -1 '$OUT/metrics.csv' | cut -d, -f1) -ge 15 ]]"
VICTIM=""
for w in "${PIDS[@]}"; do
  for c in $(pgrep -P "$w" -f CoarseGrainedExecutorBackend 2>/dev/null || true); do VICTIM=$c; done
done
[[ -n "$VICTIM" ]] || fail "no executor JVM found to kill"
kill -9 "$VICTIM"
log "killed executor JVM $VICTIM at step $(metrics_step "$OUT")"
wait_submit "$WORK/executor-kill.log"
grep -qiE "lost executor|ExecutorLostFailure|Executor .* (exited|lost)|removed executor|Removing executor" "$WORK/executor-kill.log" "$WORK/master.log" \
  || fail "Spark did not report the lost executor"
compare "executor kill -9 (retried tasks) in $(( $(date +%s) - t )) s" "$OUT"

# ---------------------------------------------------------------- 3b. bench --scaling on both kinds of cluster
# The measure-and-fit mode of docs/SCALING.md, small: local-cluster with 1 and 2 executors and this
# standalone master with 1 and 2 (1 GB executors of one core), two batches each; a row per case
# with the fitted line beside it, and the plot.
t=$(date +%s)
"${JAVA[@]}" -Xmx2g -cp "$ROOT/target/spark-gan.jar:$ROOT/target/lib/*" sparkgan.cli.Main bench --scaling --presets seed \
  --batches 32,64 --executors 1,2 --steps 3 --warmup 1 --data "$MNIST_DIR" --set data.limit=4000 \
  --standalone "spark://127.0.0.1:$MPORT" --model-out "$WORK/scaling" >"$WORK/scaling.log" 2>&1 \
  || { tail -20 "$WORK/scaling.log"; fail "bench --scaling failed"; }
for kind in 'local-cluster\[[12],1,2048\]' 'standalone\[[12]\]'; do
  [[ $(grep -cE "^\| $kind \| (32|64) \| [12] \| [0-9.]+ \| [0-9.]+ \| [-+][0-9]+ % \|" "$WORK/scaling.log") -eq 4 ]] \
    || { cat "$WORK/scaling.log"; fail "bench --scaling: expected 4 measured rows with the model beside them for $kind"; }
done
# The modelled tables' plot too, unless 3 iterations gave a kernel line that does not grow (then it says so).
[[ -s "$WORK/scaling/scaling-measured-seed.png" ]] || fail "bench --scaling wrote no plot of its measurements"
[[ -s "$WORK/scaling/scaling-seed.png" ]] || grep -q "No modelled tables for seed" "$WORK/scaling.log" \
  || fail "bench --scaling wrote neither the modelled tables' plot nor why not"
log "bench --scaling: local-cluster and standalone, 1 and 2 executors, in $(( $(date +%s) - t )) s ($(grep 'Largest error' "$WORK/scaling.log"))"

# ---------------------------------------------------------------- 3c. bench --soak: every executor's heap
# The soak of docs/BENCHMARKS.md, short: two executor JVMs, a row every 10 iterations with the heap of
# each executor after a full GC (a job of one task per executor core reads them).
t=$(date +%s)
"${JAVA[@]}" -Xmx2g -cp "$ROOT/target/spark-gan.jar:$ROOT/target/lib/*" sparkgan.cli.Main bench --soak 20 --soak-every 10 \
  --presets mlp --batches 32 --engines 'local-cluster[2,1,1024]' --data "$MNIST_DIR" --set data.limit=2000 \
  >"$WORK/soak.log" 2>&1 || { tail -20 "$WORK/soak.log"; fail "bench --soak failed"; }
[[ $(grep -cE '^\| (0|10|20) \| [0-9]+ \| 0: [0-9]+, 1: [0-9]+ \|' "$WORK/soak.log") -eq 3 ]] \
  || { cat "$WORK/soak.log"; fail "bench --soak: expected rows at 0, 10 and 20 with the heaps of executors 0 and 1"; }
log "bench --soak: local-cluster[2,1,1024], executor heaps $(grep -E '^\| 20 \|' "$WORK/soak.log" | cut -d'|' -f4 | xargs) MB at iteration 20, in $(( $(date +%s) - t )) s"

# ---------------------------------------------------------------- 4. fault: kill -9 the driver, then --resume
t=$(date +%s)
OUT="$WORK/out-driver-kill"
run_submit "$WORK/driver-kill.log" --master 'local[2]' -- train --out "$OUT" "${APP[@]}"
DRIVER=$LAST_PID
wait_for 180 "step 25 of the driver-kill run" bash -c "[[ -f '$OUT/checkpoints/ckpt-0000020.sgan' && \$(tail -1 '$OUT/metrics.csv' | cut -d, -f1) -ge 25 ]]"
AT=$(metrics_step "$OUT")
stop_pid "$DRIVER"
wait "$DRIVER" 2>/dev/null || true
[[ ! -f "$OUT/model.sgan" ]] || fail "the driver finished before it was killed"
log "killed the driver at step $AT (checkpoint 20 on disk)"
run_submit "$WORK/driver-resume.log" --master 'local[2]' -- train --resume "$OUT" --steps "$STEPS"
wait_submit "$WORK/driver-resume.log"
compare "driver kill -9 at step $AT + resume in $(( $(date +%s) - t )) s" "$OUT"

# ---------------------------------------------------------------- 5. HDFS and YARN on loopback
# One JVM runs a MiniDFSCluster and a MiniYARNCluster (a ResourceManager, two NodeManagers); the
# NodeManagers start the application master, the executors and, in cluster mode, the driver as
# containers: processes of their own, children of that JVM. Spark's jars are "local:" (present on
# every node at the same path), so nothing but the application jar and Spark's conf is uploaded.
# Client and cluster mode go through the documented wrapper, submit/spark-submit.sh.
t=$(date +%s)
NNPORT=$(free_port 19000) || fail "no free port for the HDFS name node"
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
export HADOOP_CONF_DIR="$WORK/hadoop-conf"
mkdir -p "$WORK/hadoop"
(cd "$WORK/hadoop" && exec java -Xmx1g -cp "$ROOT/target/test-classes:$(cat "$ROOT/target/test-classpath.txt")" sparkgan.it.MiniHadoop \
  "$WORK/hadoop" "$NNPORT" "$WORK/hadoop.ready" "$MNIST_DIR" /data/mnist "$HADOOP_CONF_DIR" 2) >"$WORK/hadoop.log" 2>&1 &
HADOOP_PID=$!
PIDS+=("$HADOOP_PID"); disown "$HADOOP_PID"  # no job-control noise when cleanup kills it
hadoop_ready() {
  kill -0 "$HADOOP_PID" 2>/dev/null || { tail -30 "$WORK/hadoop.log"; fail "MiniHadoop exited, log $WORK/hadoop.log"; }
  test -f "$WORK/hadoop.ready"
}
wait_for 180 "MiniDFSCluster and MiniYARNCluster" hadoop_ready
HDFS=$(cat "$WORK/hadoop.ready")
log "HDFS at $HDFS and YARN ($(grep -o 'ResourceManager at .*' "$WORK/hadoop.log")) up in $(( $(date +%s) - t )) s"
YARN=(--master yarn --num-executors 2 --executor-cores 1 --executor-memory 1g
      --conf "spark.yarn.jars=local:$SH/jars/*" --conf spark.yarn.am.memory=512m --conf spark.driver.memory=1g
      --conf spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS=1
      --conf spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1 --conf spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1
      --conf spark.yarn.maxAppAttempts=1)  # a failed first attempt fails the scenario, not hidden by a retry
# YARN builds each container's environment afresh, so OpenBLAS settings of this shell (which kernels,
# what cache size: OPENBLAS_CORETYPE rounds sgemm differently) would reach every JVM here but the
# containers; they go along, so that all the compared runs compute with the same kernels.
while IFS='=' read -r name value; do
  YARN+=(--conf "spark.yarn.appMasterEnv.$name=$value" --conf "spark.executorEnv.$name=$value")
done < <(env | grep -E '^OPENBLAS_[A-Z0-9_]+=' | grep -v '^OPENBLAS_NUM_THREADS=' || true)
HAPP=("${APP[@]}")
HAPP[1]="$HDFS/data/mnist"
container_logs() {  # the tails of the YARN containers' stderr, for a failure's diagnosis
  local f
  for f in "$WORK"/hadoop/target/test/data/mini-yarn/*/*logDir*/application_*/container_*/stderr; do
    [[ -f "$f" ]] || continue
    echo "== $f"; tail -15 "$f"
  done
  return 0
}
wait_yarn() {  # wait_submit with the containers' logs on failure
  local logf=$1
  wait_pid "$LAST_PID" "$logf"
  [[ $RC -eq 0 ]] || { tail -30 "$logf"; container_logs; fail "run failed (exit $RC), log $logf"; }
}

t=$(date +%s)
run_wrapper "$WORK/yarn-client.log" "${YARN[@]}" --deploy-mode client -- train --out "$HDFS/runs/yarn-client" "${HAPP[@]}"
wait_yarn "$WORK/yarn-client.log"
LISTING=$("${JAVA[@]}" -cp "$ROOT/target/spark-gan.jar:$ROOT/target/lib/*" sparkgan.cli.Main inspect --model "$HDFS/runs/yarn-client/checkpoints/ckpt-0000040.sgan" | head -3)
echo "$LISTING" | grep -q "iteration 40" || fail "no checkpoint on HDFS: $LISTING"
"${JAVA[@]}" -cp "$ROOT/target/spark-gan.jar:$ROOT/target/lib/*" sparkgan.cli.Main generate --model "$HDFS/runs/yarn-client" \
  --count 16 --out "$HDFS/runs/yarn-client/check.png" >/dev/null
compare "YARN client mode (data, checkpoints, samples on $HDFS) in $(( $(date +%s) - t )) s" "$HDFS/runs/yarn-client"

t=$(date +%s)
run_wrapper "$WORK/yarn-cluster.log" "${YARN[@]}" --deploy-mode cluster -- train --out "$HDFS/runs/yarn-cluster" "${HAPP[@]}"
wait_yarn "$WORK/yarn-cluster.log"
grep -q "final status: SUCCEEDED" "$WORK/yarn-cluster.log" || { tail -30 "$WORK/yarn-cluster.log"; container_logs; fail "YARN reports no success"; }
compare "YARN cluster mode (the driver in the application master's container) in $(( $(date +%s) - t )) s" "$HDFS/runs/yarn-cluster"

# An executor container killed mid-run: YARN reports it lost, Spark asks for a replacement and
# reruns the lost tasks, which recompute the same partials (their random streams are keyed).
t=$(date +%s)
OUT="$WORK/out-yarn-kill"
# HADOOP_CONF_DIR makes HDFS the default file system: the local output needs its scheme.
run_submit "$WORK/yarn-kill.log" "${YARN[@]}" --deploy-mode client -- train --out "file://$OUT" "${HAPP[@]}"
wait_for 240 "step 15 of the YARN executor-kill run" bash -c "[[ \$(tail -1 '$OUT/metrics.csv' 2>/dev/null | cut -d, -f1) =~ ^[0-9]+$ && \$(tail -1 '$OUT/metrics.csv' | cut -d, -f1) -ge 15 ]]"
descendants() { local p; for p in $(pgrep -P "$1" 2>/dev/null || true); do echo "$p"; descendants "$p"; done; }
VICTIM=""
for p in $(descendants "$HADOOP_PID"); do
  if [[ "$(ps -o comm= -p "$p" 2>/dev/null || true)" == java ]] && grep -qa YarnCoarseGrainedExecutorBackend "/proc/$p/cmdline" 2>/dev/null; then
    VICTIM=$p
  fi
done
[[ -n "$VICTIM" ]] || fail "no executor container found to kill"
kill -9 "$VICTIM" || fail "executor container JVM $VICTIM exited before it could be killed"
log "killed executor container JVM $VICTIM at step $(metrics_step "$OUT")"
wait_yarn "$WORK/yarn-kill.log"
grep -qiE "lost executor|ExecutorLostFailure|Container .*exited|Container killed|removed executor|Removing executor" "$WORK/yarn-kill.log" \
  || fail "Spark did not report the lost executor container"
# The NodeManagers' log directories hold one directory per container that ran; this run is the
# last application submitted. Reported, not required: when the remaining steps finish before YARN
# launches the replacement, the surviving executor alone reruns the lost tasks.
YARN_LOGS="$WORK/hadoop/target/test/data/mini-yarn"
APP_ID=$( (find "$YARN_LOGS" -maxdepth 3 -name 'application_*' -printf '%f\n' 2>/dev/null || true) | sort | tail -1)
CONTAINERS=$( (find "$YARN_LOGS" -maxdepth 4 -path "*/$APP_ID/container_*" -type d 2>/dev/null || true) | wc -l)
compare "YARN executor container kill -9 ($CONTAINERS containers incl. the master, retried tasks) in $(( $(date +%s) - t )) s" "$OUT"

log "all scenarios passed in $(( $(date +%s) - T0 )) s"
echo "it-cluster: 8 passed, 0 failed"
