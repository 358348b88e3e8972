package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker goes away for 30 s while a source collects; when it is back, nothing is missing. */
class BrokerOutageIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String AK = "OUTAGEITAK0000000000";
    static final String SK = "outage-it-huawei-secret";
    static final String PROJECT = "dddd0000000000000000000000000004";
    static final String TOPIC = "usage.it.outage";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final Instant START = NOW.minus(Duration.ofDays(62)); // three windows

    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_lose_nothing_when_the_broker_is_down_for_30_seconds_mid_run() throws Exception {
        KAFKA.broker().createTopic(TOPIC, 3, true);
        try (CloudApiSimulator simulator = CloudApiSimulator.start(SimulatorConfig.builder()
                .huaweiCredential(AK, SK).build());
             CollectorApplication collector = CollectorApplication.start(new CollectorApplication.Settings(
                     Path.of("config/application.properties"),
                     Map.of("camel.main.routes-include-pattern", "classpath:it/outage-sources.yaml",
                             "camel.component.kafka.brokers", KAFKA.bootstrapServers(),
                             "usage.checkpoint-topic", "usage.it.outage.checkpoints",
                             // one window at a time, so that the outage falls between windows of the run
                             "usage.http.max-calls-in-flight", "1",
                             "it.simulator-url", simulator.baseUrl().toString(),
                             "it.start", START.toString()),
                     Clock.fixed(NOW, ZoneOffset.UTC),
                     name -> Optional.ofNullable(Map.of("CLOUD_SDK_AK", AK, "CLOUD_SDK_SK", SK).get(name)), true))) {
            Map<String, BigDecimal> expected = expected(simulator.data());
            // three-second answers: the outage falls while windows are still being collected
            simulator.faults().slowReplyDelay(Duration.ofSeconds(3)).probability(FaultKind.SLOW_REPLY, 1.0);
            Map<String, BigDecimal> beforeOutage = awaitPublished(1);
            assertThat(beforeOutage.size()).isLessThan(expected.size());

            KAFKA.broker().stop();
            Thread.sleep(30_000);
            KAFKA.broker().restart();

            Map<String, BigDecimal> published = awaitPublished(expected.size());
            assertThat(published).isEqualTo(expected);
        }
    }

    private static Map<String, BigDecimal> expected(UsageDataModel model) {
        Map<String, BigDecimal> expected = new HashMap<>();
        for (Instant hour = START; hour.isBefore(NOW); hour = hour.plus(Duration.ofHours(1))) {
            for (String spec : UsageDataModel.HUAWEI_SPECS) {
                String key = spec + "|" + hour;
                model.huaweiTranscodeMinutes(PROJECT, null, null, spec, hour)
                        .ifPresent(minutes -> expected.put(key, minutes.stripTrailingZeros()));
            }
        }
        return expected;
    }

    /** The latest figure of each (SKU, hour) in the topic, once at least {@code count} are there. */
    private Map<String, BigDecimal> awaitPublished(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Map<String, BigDecimal> published = new HashMap<>();
        while (published.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            published.clear();
            for (ConsumerRecord<String, String> record :
                    KafkaTopicReader.readAll(KAFKA.bootstrapServers(), TOPIC, Duration.ofSeconds(30))) {
                JsonNode event = json.readTree(record.value());
                published.put(event.path("SkuId").asText() + "|" + event.path("ChargePeriodStart").asText(),
                        event.path("ConsumedQuantity").decimalValue().stripTrailingZeros());
            }
        }
        return published;
    }
}
