# Sourced by submit/it-cluster.sh and submit/bench.sh: assembles a minimal Spark home from the Maven
# jars in target/lib (jars/, RELEASE, conf/) at $SH, since the Spark launcher scripts and
# distributions are not on Maven Central, and exports what Spark's launcher code expects.
# Needs: ROOT (the project) and SH (where to put it).
mkdir -p "$SH/jars" "$SH/conf"
ln -sf "$ROOT"/target/lib/*.jar "$SH/jars/"
SPARK_VERSION=$(ls "$ROOT"/target/lib | sed -n 's/^spark-core_2.13-\(.*\)\.jar$/\1/p')
echo "Spark $SPARK_VERSION built for Scala 2.13, assembled from Maven Central by spark-gan" > "$SH/RELEASE"
cp "$ROOT/conf/log4j2.properties" "$SH/conf/"
export SPARK_HOME="$SH" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
export OPENBLAS_NUM_THREADS=1
# bin/spark-submit: the launcher script is not on Maven Central; this stand-in runs the same class
# (SparkSubmit) with the JVM options Spark needs and, as the real one, HADOOP_CONF_DIR and
# YARN_CONF_DIR on the classpath, so submit/spark-submit.sh can be tested for real.
mkdir -p "$SH/bin"
cat > "$SH/bin/spark-submit" <<SUBMIT
#!/usr/bin/env bash
exec java @"$ROOT/conf/java-options" -Xmx2g -cp "$SH/jars/*\${HADOOP_CONF_DIR:+:\$HADOOP_CONF_DIR}\${YARN_CONF_DIR:+:\$YARN_CONF_DIR}" org.apache.spark.deploy.SparkSubmit "\$@"
SUBMIT
chmod +x "$SH/bin/spark-submit"
