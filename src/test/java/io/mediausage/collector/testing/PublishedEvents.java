package io.mediausage.collector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/**
 * The events one source published to a topic, read back from the broker: each checked against the contract and
 * the Kafka record conventions, and keyed by what makes a figure the same figure so that a period published twice
 * shows.
 */
public final class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedEvents() {
    }

    /** ResourceId|SkuId|x_Metric|x_Granularity|ChargePeriodStart: what the simulator's figures are keyed by. */
    public static String key(String resourceId, String sku, String metric, String granularity, Object periodStart) {
        return resourceId + "|" + sku + "|" + metric + "|" + granularity + "|" + periodStart;
    }

    /** A figure as {@link #await} returns it (trailing zeros stripped, so 630 and 630.0 compare equal). */
    public static BigDecimal figure(long value) {
        return BigDecimal.valueOf(value).stripTrailingZeros();
    }

    public static BigDecimal figure(BigDecimal value) {
        return value.stripTrailingZeros();
    }

    /**
     * Waits until the topic holds {@code count} events of the source, then through two more schedule firings, and
     * returns their quantities by {@link #key}; every event must be schema-valid, keyed by its id, published once,
     * and pass {@code eachEvent}.
     */
    static Map<String, BigDecimal> await(String bootstrapServers, String topic, String source, int count,
            Consumer<JsonNode> eachEvent) throws Exception {
        return await(bootstrapServers, topic, source, count, Duration.ofSeconds(120), event -> key(
                event.path("ResourceId").asText(), event.path("SkuId").asText(), event.path("x_Metric").asText(),
                event.path("x_Granularity").asText(), Instant.parse(event.path("ChargePeriodStart").asText())),
                eachEvent);
    }

    /** As {@link #await(String, String, String, int, Consumer)}, waiting at most {@code atMost}, by another key. */
    static Map<String, BigDecimal> await(String bootstrapServers, String topic, String source, int count,
            Duration atMost, Function<JsonNode, String> key, Consumer<JsonNode> eachEvent) throws Exception {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> read(bootstrapServers, topic, source).size() >= count);
        // the scenario itself: the schedules fire twice more, and must find nothing new to publish
        Thread.sleep(4_000);
        List<ConsumerRecord<String, String>> records = read(bootstrapServers, topic, source);
        Map<String, BigDecimal> published = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(UsageEventSchema.violations(record.value())).as(record.value()).isEmpty();
            JsonNode event = parse(record.value());
            assertThat(record.key()).isEqualTo(event.path("x_EventId").asText());
            assertThat(new String(record.headers().lastHeader("ce_specversion").value())).isEqualTo("1.0");
            eachEvent.accept(event);
            BigDecimal previous = published.put(key.apply(event),
                    event.path("ConsumedQuantity").decimalValue().stripTrailingZeros());
            assertThat(previous).as("published twice: " + record.value()).isNull();
        }
        assertThat(records).hasSize(count);
        return published;
    }

    private static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic, String source) {
        return KafkaTopicReader.readAll(bootstrapServers, topic, Duration.ofSeconds(10)).stream()
                .filter(r -> r.value().contains("\"x_SourceName\":\"" + source + "\"")).toList();
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
