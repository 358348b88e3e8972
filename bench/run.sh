#!/usr/bin/env bash
# The throughput benchmark of issue 14 (see bench/README.md): builds target/usage-collector.jar, then runs
# io.mediausage.collector.bench.ThroughputBench from the test classpath (the broker and the API simulator live
# there). Every argument goes to the benchmark, e.g.  bench/run.sh --latency 0,300 --case ssai-hourly-7d
# MAVEN="mvn -o" runs Maven offline.
# The benchmark's own JVM (the broker and the simulator) runs on C1 alone: with C2 it went on compiling and
# recompiling through the measured runs (5.5-6.8 s of CPU, on the jar's cores, in a 50-source run), as a cluster and
# a cloud that have long been up do not; on C1 that is 0.2 s, and their own work takes no longer.
set -euo pipefail
cd "$(dirname "$0")/.."
MAVEN=${MAVEN:-mvn}
$MAVEN -B -q -DskipTests package
$MAVEN -B -q exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="-XX:TieredStopAtLevel=1 -classpath %classpath io.mediausage.collector.bench.ThroughputBench $*"
