package io.mediausage.collector.bench;

import io.mediausage.collector.simulator.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * @param cpuTime        the jar's CPU time (all its threads, JVM start included) at its last lines (read at most every
 *                       0.1 s): unlike the wall times, little changed by what else runs on the machine
 * @param benchCpuTime   the CPU time of the benchmark's own JVM (the broker and the simulator) from the jar's start to
 *                       its last lines: the share of the machine the collector did not have
 */
record CollectorRun(int exitCode, List<RecordedCall> calls, int windows, long events, Instant lastWindowDone,
                    Duration processTime, Duration cpuTime, Duration benchCpuTime) {

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
        Instant firstCall = calls.stream().map(RecordedCall::time).min(Instant::compareTo).orElseThrow();
        return Duration.between(firstCall, lastWindowDone);
    }
}
