package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker goes away for 30 s while a source collects; when it is back, nothing is missing. */
class BrokerOutageIT {

    static final String AK = "OUTAGEITAK0000000000";
    static final String SK = "outage-it-huawei-secret";
    static final String PROJECT = "dddd0000000000000000000000000004";
    static final String TOPIC = "usage.it.outage";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final Instant START = NOW.minus(Duration.ofDays(62)); // three windows

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/outage-sources.yaml")
            .topic(TOPIC, 3, true)
            .huaweiAccount(AK, SK)
            // three-second answers: the outage falls while windows are still being collected
            .beforeCollector(simulator -> simulator.faults().slowReplyDelay(Duration.ofSeconds(3))
                    .probability(FaultKind.SLOW_REPLY, 1.0))
            .property("usage.checkpoint-topic", "usage.it.outage.checkpoints")
            // one window at a time, so that the outage falls between windows of the run
            .property("usage.http.max-calls-in-flight", "1")
            .property("it.start", START.toString())
            .clock(NOW).scheduled();

    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_lose_nothing_when_the_broker_is_down_for_30_seconds_mid_run() throws Exception {
        Map<String, BigDecimal> expected = expected(IT.simulator().data());
        Map<String, BigDecimal> beforeOutage = awaitPublished(1);
        assertThat(beforeOutage.size()).isLessThan(expected.size());

        IT.broker().stop();
        Thread.sleep(30_000); // the scenario itself: the broker is away for 30 s
        IT.broker().restart();

        Map<String, BigDecimal> published = awaitPublished(expected.size());
        assertThat(published).isEqualTo(expected);
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
    private Map<String, BigDecimal> awaitPublished(int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(180)).pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1)).until(this::published, published -> published.size() >= count);
    }

    private Map<String, BigDecimal> published() throws Exception {
        Map<String, BigDecimal> published = new HashMap<>();
        for (ConsumerRecord<String, String> record :
                KafkaTopicReader.readAll(IT.bootstrapServers(), TOPIC, Duration.ofSeconds(30))) {
            JsonNode event = json.readTree(record.value());
            published.put(event.path("SkuId").asText() + "|" + event.path("ChargePeriodStart").asText(),
                    event.path("ConsumedQuantity").decimalValue().stripTrailingZeros());
        }
        return published;
    }
}
