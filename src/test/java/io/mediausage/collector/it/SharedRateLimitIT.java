package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.testing.CollectorExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two routes with the same credentials share one limiter for DescribeMediaPlayStatDetails: 500 calls against a
 * simulator that enforces the documented 20 requests a second draw not a single RequestLimitExceeded.
 */
class SharedRateLimitIT {

    static final String SECRET_ID = "AKIDsharedLimitIT000000000000000";
    static final String SECRET_KEY = "shared-limit-it-secret";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final List<String> FILES_A = IntStream.range(0, 50).mapToObj(i -> "52854854879852" + (10000 + i)).toList();
    static final List<String> FILES_B = IntStream.range(0, 50).mapToObj(i -> "52854854879852" + (20000 + i)).toList();

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/shared-limit-sources.yaml")
            .topic("usage.it.shared-limit", 3, true)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .simulator(config -> Stream.concat(FILES_A.stream(), FILES_B.stream())
                    .forEach(file -> config.vodFile(SECRET_ID, file, null)))
            .property("it.files-a", String.join(",", FILES_A))
            .property("it.files-b", String.join(",", FILES_B))
            // started by the test just before it collects: a limiter idle for a while after the start would let a
            // second's calls through at once, which is not what this test is about
            .startedByTheTest();

    @Test
    void should_keep_two_routes_sharing_credentials_under_the_documented_rate() throws Exception {
        try (CollectorApplication collector = IT.startCollector(NOW, false)) {
            // 30 days hourly: five windows (at most 167 hours each) x 50 files, for each of the two sources
            Instant from = NOW.minus(Duration.ofDays(30));
            CompletableFuture<CollectionReport> a = CompletableFuture.supplyAsync(
                    () -> collector.collect("it-vod-shared-a", from, NOW));
            CompletableFuture<CollectionReport> b = CompletableFuture.supplyAsync(
                    () -> collector.collect("it-vod-shared-b", from, NOW));

            assertThat(List.of(a.get(), b.get())).allMatch(CollectionReport::succeeded);
            List<RecordedCall> calls = IT.simulator().calls(Api.VOD_PLAY_STATS);
            assertThat(calls).hasSize(500);
            assertThat(calls).extracting(RecordedCall::outcome).containsOnly("ok");
        }
    }
}
