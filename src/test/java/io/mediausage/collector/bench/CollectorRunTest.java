package io.mediausage.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mediausage.collector.bench.CollectorRun.CatchUpCpu;
import io.mediausage.collector.bench.CollectorRun.CpuReading;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catch-up's CPU is read between the readings around it, not over the jar's start. */
class CollectorRunTest {

    static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    private static final BrokerRequests NO_REQUESTS = new BrokerRequests(0, 0);

    @Test
    void the_catch_up_runs_from_the_last_reading_before_the_first_call_to_the_first_after_the_last_window() {
        List<CpuReading> readings = List.of(
                reading(0, 0, 0), // the JVM starting
                reading(1_000, 3_000, 100), // the last reading before the first call, at 1.05 s
                reading(2_000, 4_000, 600),
                reading(3_000, 5_500, 1_100), // the first after the last window, at 2.9 s
                reading(3_100, 5_600, 1_100)); // the shutdown
        CollectorRun run = new CollectorRun(0, List.of(call(1_050), call(2_000)), 2, 10, T0.plusMillis(2_900),
                Duration.ofMillis(3_200), readings, NO_REQUESTS);

        CatchUpCpu cpu = run.catchUpCpu(2).orElseThrow();

        assertThat(cpu.jar()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(cpu.bench()).isEqualTo(Duration.ofMillis(1_000));
        assertThat(cpu.coresBusy()).isCloseTo(3.5 / (2 * 2.0), within(1e-9));
        assertThat(run.cpuTime()).isEqualTo(Duration.ofMillis(5_600));
        assertThat(run.benchCpuTime()).isEqualTo(Duration.ofMillis(1_100));
        assertThat(run.wallTime()).isEqualTo(Duration.ofMillis(1_850));
    }

    @Test
    void without_a_progress_line_or_readings_there_is_no_catch_up_to_read() {
        List<CpuReading> readings = List.of(reading(0, 0, 0), reading(1_000, 900, 10));
        assertThat(new CollectorRun(1, List.of(call(500)), 0, 0, null, Duration.ofSeconds(1), readings,
                NO_REQUESTS).catchUpCpu(2)).isEmpty();
        assertThat(new CollectorRun(0, List.of(call(500)), 1, 1, T0.plusMillis(900), Duration.ofSeconds(1),
                List.of(reading(0, 0, 0)), NO_REQUESTS).catchUpCpu(2)).isEmpty();
    }

    private static CpuReading reading(long atMillis, long jarMillis, long benchMillis) {
        return new CpuReading(T0.plusMillis(atMillis), Duration.ofMillis(jarMillis), Duration.ofMillis(benchMillis));
    }

    private static RecordedCall call(long atMillis) {
        return new RecordedCall(T0.plusMillis(atMillis), Api.SSAI_USAGE, "DescribeStreamPackageSSAIUsage", "AKID",
                Map.of(), 200, "ok", null, "request-id");
    }
}
