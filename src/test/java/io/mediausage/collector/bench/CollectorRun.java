package io.mediausage.collector.bench;

import io.mediausage.collector.simulator.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one run of the packaged jar on one case did, from the simulator's recorded calls and the jar's own lines.
 *
 * @param exitCode       the jar's exit status
 * @param calls          every call the simulator received from the run
 * @param windows        windows the jar's summary lines report
 * @param events         events the jar's summary lines report
 * @param lastWindowDone when the jar printed its last progress line (a window committed or failed), null if none
 * @param processTime    the jar's whole run, JVM start and shutdown included
 * @param cpuReadings    the CPU times read every {@link ThroughputBench#CPU_READING_INTERVAL} while the jar ran, oldest
 *                       first
 * @param brokerRequests the transactions and produce requests the broker handled from the jar's start to its exit
 */
record CollectorRun(int exitCode, List<RecordedCall> calls, int windows, long events, Instant lastWindowDone,
                    Duration processTime, List<CpuReading> cpuReadings, BrokerRequests brokerRequests) {

    /**
     * The CPU times at one moment of the run.
     *
     * @param jar   the jar's (all its threads, JVM start included)
     * @param bench the benchmark's own JVM's (the broker and the simulator) since the jar started: the share of the
     *              machine the collector did not have
     */
    record CpuReading(Instant at, Duration jar, Duration bench) {

        Duration total() {
            return jar.plus(bench);
        }
    }

    /** The jar's CPU time at its last reading: unlike the wall times, little changed by what else runs. */
    Duration cpuTime() {
        return cpuReadings.isEmpty() ? Duration.ZERO : cpuReadings.get(cpuReadings.size() - 1).jar();
    }

    /** The broker's and the simulator's CPU time from the jar's start to its last reading. */
    Duration benchCpuTime() {
        return cpuReadings.isEmpty() ? Duration.ZERO : cpuReadings.get(cpuReadings.size() - 1).bench();
    }

    /**
     * The CPU the jar, the broker and the simulator used in the catch-up (from the last reading before the first call
     * to the first after the last progress line), as a share of what {@code cores} offered in that time: near 1, the
     * machine had no core to spare and the catch-up waited for CPU, not for the rate limit. Empty without readings
     * around a catch-up.
     */
    Optional<CatchUpCpu> catchUpCpu(int cores) {
        if (calls.isEmpty() || lastWindowDone == null || cpuReadings.size() < 2) {
            return Optional.empty();
        }
        Instant firstCall = firstCall();
        CpuReading from = cpuReadings.get(0);
        CpuReading to = cpuReadings.get(cpuReadings.size() - 1);
        for (CpuReading reading : cpuReadings) {
            if (!reading.at().isAfter(firstCall)) {
                from = reading;
            } else if (!reading.at().isBefore(lastWindowDone)) {
                to = reading;
                break;
            }
        }
        Duration span = Duration.between(from.at(), to.at());
        if (span.isZero() || span.isNegative()) {
            return Optional.empty();
        }
        return Optional.of(new CatchUpCpu(to.jar().minus(from.jar()), to.bench().minus(from.bench()),
                to.total().minus(from.total()).toNanos() / (cores * (double) span.toNanos())));
    }

    /** The CPU of the catch-up: the jar's, the broker's and the simulator's, and the share of the cores both used. */
    record CatchUpCpu(Duration jar, Duration bench, double coresBusy) {
    }

    /** Throttled answers: Tencent's RequestLimitExceeded, Huawei's 429. */
    long throttled() {
        return calls.stream().filter(CollectorRun::throttled).count();
    }

    private static boolean throttled(RecordedCall call) {
        return "RequestLimitExceeded".equals(call.outcome()) || call.httpStatus() == 429;
    }

    /** The calls that counted against a credential's limit (throttled ones were refused, not served). */
    Map<String, Long> servedCallsPerCredential() {
        return calls.stream().filter(call -> !throttled(call))
                .collect(Collectors.groupingBy(call -> String.valueOf(call.credential()), Collectors.counting()));
    }

    /**
     * From the first call's arrival at the simulator to the last window's progress line: the catch-up itself,
     * without the JVM's start and the shutdown after it, which the rate limit has nothing to do with.
     */
    Duration wallTime() {
        if (calls.isEmpty() || lastWindowDone == null) {
            return processTime;
        }
        return Duration.between(firstCall(), lastWindowDone);
    }

    private Instant firstCall() {
        return calls.stream().map(RecordedCall::time).min(Instant::compareTo).orElseThrow();
    }
}
