package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two routes with the same credentials share one limiter for DescribeMediaPlayStatDetails: 500 calls against a
 * simulator that enforces the documented 20 requests a second draw not a single RequestLimitExceeded.
 */
class SharedRateLimitIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String SECRET_ID = "AKIDsharedLimitIT000000000000000";
    static final String SECRET_KEY = "shared-limit-it-secret";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void should_keep_two_routes_sharing_credentials_under_the_documented_rate() throws Exception {
        List<String> filesA = IntStream.range(0, 50).mapToObj(i -> "52854854879852" + (10000 + i)).toList();
        List<String> filesB = IntStream.range(0, 50).mapToObj(i -> "52854854879852" + (20000 + i)).toList();
        SimulatorConfig.Builder config = SimulatorConfig.builder().tencentCredential(SECRET_ID, SECRET_KEY);
        filesA.forEach(file -> config.vodFile(SECRET_ID, file, null));
        filesB.forEach(file -> config.vodFile(SECRET_ID, file, null));
        KAFKA.broker().createTopic("usage.it.shared-limit", 3, true);

        try (CloudApiSimulator simulator = CloudApiSimulator.start(config.build());
             CollectorApplication collector = CollectorApplication.start(new CollectorApplication.Settings(
                     Path.of("config/application.properties"),
                     Map.of("camel.main.routes-include-pattern", "classpath:it/shared-limit-sources.yaml",
                             "camel.component.kafka.brokers", KAFKA.bootstrapServers(),
                             "it.simulator-url", simulator.baseUrl().toString(),
                             "it.files-a", String.join(",", filesA),
                             "it.files-b", String.join(",", filesB)),
                     Clock.fixed(NOW, ZoneOffset.UTC),
                     name -> Optional.ofNullable(Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID,
                             "TENCENTCLOUD_SECRET_KEY", SECRET_KEY).get(name)), false))) {
            // 30 days hourly: five windows (at most 167 hours each) x 50 files, for each of the two sources
            Instant from = NOW.minus(Duration.ofDays(30));
            CompletableFuture<CollectionReport> a = CompletableFuture.supplyAsync(
                    () -> collector.collect("it-vod-shared-a", from, NOW));
            CompletableFuture<CollectionReport> b = CompletableFuture.supplyAsync(
                    () -> collector.collect("it-vod-shared-b", from, NOW));

            assertThat(List.of(a.get(), b.get())).allMatch(CollectionReport::succeeded);
            List<RecordedCall> calls = simulator.calls(Api.VOD_PLAY_STATS);
            assertThat(calls).hasSize(500);
            assertThat(calls).extracting(RecordedCall::outcome).containsOnly("ok");
        }
    }
}
