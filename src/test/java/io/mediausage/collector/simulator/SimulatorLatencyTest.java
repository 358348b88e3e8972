package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.ID2;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static io.mediausage.collector.simulator.SimFixture.KEY2;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The server latency option: every answer waits, side by side, and the default answers at once. */
class SimulatorLatencyTest {

    static final String MPS_BODY = "{\"StartTime\":\"2024-03-01T00:00:00+08:00\",\"EndTime\":\"2024-03-02T00:00:00+08:00\"}";
    static final Duration LATENCY = Duration.ofMillis(400);

    @Test
    void every_answer_waits_the_latency_and_answers_wait_side_by_side() throws Exception {
        try (CloudApiSimulator sim = CloudApiSimulator.start(SimFixture.config().rateLimit(Api.MPS_USAGE, 5)
                .latency(LATENCY).build())) {
            SimClient client = new SimClient(sim);
            // warms up the client and the server (under the other credential, whose rate window is its own)
            assertThat(client.tencent(Api.MPS_USAGE, ID2, KEY2).body(MPS_BODY).errorCode()).isNull();
            sim.clearCalls();
            long start = System.nanoTime();
            // six at once against a limit of 5 a second: five answers and one throttled answer, all delayed
            List<CompletableFuture<Duration>> answers = IntStream.range(0, 6).mapToObj(i -> {
                long sent = System.nanoTime();
                return SimClient.sendAsync(client.tencent(Api.MPS_USAGE, ID, KEY).body(MPS_BODY).build())
                        .thenApply(response -> Duration.ofNanos(System.nanoTime() - sent));
            }).toList();
            for (CompletableFuture<Duration> answer : answers) {
                assertThat(answer.get()).isGreaterThanOrEqualTo(LATENCY);
            }
            // side by side: six delays in sequence would take 2.4 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LATENCY.multipliedBy(4));
            assertThat(sim.calls()).extracting(RecordedCall::outcome)
                    .containsExactlyInAnyOrder("ok", "ok", "ok", "ok", "ok", "RequestLimitExceeded");
        }
    }

    @Test
    void without_the_option_there_is_no_latency() {
        assertThat(SimFixture.config().build().latency()).isZero();
        try (CloudApiSimulator sim = CloudApiSimulator.start(SimFixture.config().build())) {
            HttpResponse<String> answer = new SimClient(sim).tencent(Api.MPS_USAGE, ID, KEY).body(MPS_BODY).send();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(sim.calls()).extracting(RecordedCall::outcome).containsExactly("ok");
        }
    }
}
