#!/usr/bin/env bash
# The throughput benchmark of issue 14 (see bench/README.md): builds target/usage-collector.jar, then runs
# io.mediausage.collector.bench.ThroughputBench from the test classpath (the broker and the API simulator live
# there). Every argument goes to the benchmark, e.g.  bench/run.sh --latency 0,300 --case ssai-hourly-7d
# MAVEN="mvn -o" runs Maven offline.
set -euo pipefail
cd "$(dirname "$0")/.."
MAVEN=${MAVEN:-mvn}
$MAVEN -B -q -DskipTests package
$MAVEN -B -q exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="-classpath %classpath io.mediausage.collector.bench.ThroughputBench $*"
