package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.UsageEventSchema;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults of every kind, and a permanent error, against the collector's retries and dead letters. */
class DeliveryGuaranteesIT {

    static final String SECRET_ID = "AKIDdeliveryIT000000000000000000";
    static final String SECRET_KEY = "delivery-it-tencent-secret";
    static final String WRONG_KEY = "delivery-it-wrong-secret-never-printed";
    static final String AK = "DELIVERYITAK00000000";
    static final String SK = "delivery-it-huawei-secret";
    static final String TOPIC = "usage.it.delivery";
    static final String DEAD_LETTERS = "usage.dead-letters";
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/delivery-sources.yaml")
            .topic(TOPIC, 3, true)
            .topic(DEAD_LETTERS, 1, false)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .environment("WRONG_TENCENT_SECRET_KEY", WRONG_KEY)
            .huaweiAccount(AK, SK)
            .property("camel.component.http.response-timeout", "3000")
            .property("usage.http.call-deadline", "PT2S")
            .property("usage.retry.max-attempts", "12")
            .property("usage.retry.initial-delay-ms", "20")
            .property("usage.retry.max-delay-ms", "200")
            .clock(NOW);

    final ObjectMapper json = new ObjectMapper();
    final CloudApiSimulator simulator = IT.simulator();
    final CollectorApplication collector = IT.collector();

    @Test
    void should_end_a_60_day_backfill_under_20_percent_faults_with_exactly_the_fault_free_events() throws Exception {
        List<FaultKind> kinds = List.of(FaultKind.HTTP_500, FaultKind.HTTP_502, FaultKind.HTTP_503,
                FaultKind.DROP_CONNECTION, FaultKind.SLOW_REPLY, FaultKind.TRUNCATED_BODY, FaultKind.THROTTLE,
                FaultKind.TENCENT_INTERNAL_ERROR);
        simulator.faults().slowReplyDelay(Duration.ofMillis(200));
        for (FaultKind kind : kinds) {
            simulator.faults().nextCalls(kind, 1).probability(kind, 0.20 / kinds.size());
        }
        Instant from = NOW.minus(Duration.ofDays(60));

        List<CollectionReport> reports = List.of(collector.collect("it-mps-a", from, NOW),
                collector.collect("it-huawei-a", from, NOW), collector.collect("it-huawei-b", from, NOW));
        simulator.faults().clear();

        assertThat(reports).allMatch(CollectionReport::succeeded, "every window published");
        for (FaultKind kind : kinds) {
            assertThat(simulator.faults().firedCount(kind)).as(kind.name()).isPositive();
        }
        assertThat(published()).isEqualTo(expectedFigures(from));
    }

    @Test
    void should_cut_an_answer_that_trickles_past_the_call_deadline_and_collect_its_window_on_a_retry() {
        simulator.faults().nextCalls(FaultKind.TRICKLE_BODY, 2, Api.MPS_USAGE);
        long started = System.nanoTime();

        CollectionReport report = collector.collect("it-mps-a", NOW.minus(Duration.ofDays(2)), NOW);

        assertThat(report.succeeded()).as(report.failures().toString()).isTrue();
        assertThat(report.events()).isPositive();
        assertThat(simulator.faults().firedCount(FaultKind.TRICKLE_BODY)).isEqualTo(2);
        // each trickled answer would take minutes at a byte every 100 ms: the deadline (2 s) cut both
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void should_dead_letter_a_permanent_error_with_its_window_code_and_request_id_and_never_the_secret()
            throws Exception {
        Instant from = NOW.minus(Duration.ofDays(3));

        CollectionReport report = collector.collect("it-mps-wrong-key", from, NOW);

        assertThat(report.succeeded()).isFalse();
        assertThat(report.failures()).hasSize(1).first().asString().contains("AuthFailure");
        List<ConsumerRecord<String, String>> letters = deadLetters().stream()
                .filter(r -> r.key().startsWith("it-mps-wrong-key/")).toList();
        assertThat(letters).hasSize(1); // a permanent error is not retried
        JsonNode letter = json.readTree(letters.get(0).value());
        assertThat(letter.path("source").asText()).isEqualTo("it-mps-wrong-key");
        assertThat(letter.path("action").asText()).isEqualTo("DescribeUsageData");
        assertThat(letter.path("errorCode").asText()).startsWith("AuthFailure.");
        assertThat(letter.path("cloudRequestId").asText()).isNotBlank();
        assertThat(letter.path("retriable").asBoolean()).isFalse();
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(Instant.parse(letter.path("windowStart").asText())).isBefore(Instant.parse(
                letter.path("windowEnd").asText()));
        assertThat(letters.get(0).value()).doesNotContain(WRONG_KEY).doesNotContain(SECRET_KEY);
        assertThat(letters.get(0).key()).startsWith("it-mps-wrong-key/");
    }

    @Test
    void should_give_up_after_the_configured_attempts_and_dead_letter_the_call() throws Exception {
        int lettersBefore = deadLetters().size();
        simulator.clearCalls();
        simulator.faults().probability(FaultKind.HTTP_503, 1.0);
        try {
            CollectionReport report = collector.collect("it-huawei-b", NOW.minus(Duration.ofHours(3)), NOW);

            assertThat(report.succeeded()).isFalse();
        } finally {
            simulator.faults().clear();
        }
        List<ConsumerRecord<String, String>> letters = deadLetters();
        assertThat(letters).hasSize(lettersBefore + 1);
        JsonNode letter = json.readTree(letters.get(letters.size() - 1).value());
        assertThat(letter.path("source").asText()).isEqualTo("it-huawei-b");
        assertThat(letter.path("retriable").asBoolean()).isTrue();
        assertThat(simulator.calls()).hasSize(12); // usage.retry.max-attempts of this test
        assertThat(letter.path("attempts").asInt()).isEqualTo(12);
    }

    private List<ConsumerRecord<String, String>> deadLetters() {
        return IT.records(DEAD_LETTERS);
    }

    /** The model's figures for the three healthy sources over the whole buckets of [from, NOW). */
    private Map<String, BigDecimal> expectedFigures(Instant from) {
        UsageDataModel model = simulator.data();
        Map<String, BigDecimal> expected = new HashMap<>();
        LocalDate today = NOW.atOffset(CST).toLocalDate();
        for (String region : List.of("ap-guangzhou", "ap-singapore", "ap-hongkong", "ap-tokyo")) {
            for (String type : List.of("Transcode", "Enhance", "Snapshot")) {
                for (String spec : model.mpsSpecs(SECRET_ID, region, type)) {
                    for (LocalDate day = from.atOffset(CST).toLocalDate(); day.isBefore(today); day = day.plusDays(1)) {
                        Instant start = day.atStartOfDay(CST).toInstant();
                        String sku = type + "/" + spec;
                        model.mpsUsage(SECRET_ID, region, type, spec, day).ifPresent(f -> {
                            expected.put(String.join("|", "100000000001", region, sku, "usage", start.toString()),
                                    BigDecimal.valueOf(f.usage()));
                            expected.put(String.join("|", "100000000001", region, sku, "task_count", start.toString()),
                                    BigDecimal.valueOf(f.count()));
                        });
                    }
                }
            }
        }
        Map<String, String> projects = Map.of("aaaa0000000000000000000000000001", "cn-north-4",
                "bbbb0000000000000000000000000002", "ap-southeast-1");
        projects.forEach((project, region) -> {
            for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(NOW.truncatedTo(ChronoUnit.HOURS));
                    hour = hour.plus(Duration.ofHours(1))) {
                for (String spec : UsageDataModel.HUAWEI_SPECS) {
                    String key = String.join("|", project, region, spec, "transcode_duration", hour.toString());
                    model.huaweiTranscodeMinutes(project, null, null, spec, hour).ifPresent(m -> expected.put(key, m));
                }
            }
        });
        expected.replaceAll((k, v) -> v.stripTrailingZeros());
        return expected;
    }

    /** What the topic holds, each event once and valid, by (account, region, SKU, metric, period). */
    private Map<String, BigDecimal> published() throws Exception {
        Map<String, BigDecimal> published = new HashMap<>();
        for (ConsumerRecord<String, String> record :
                KafkaTopicReader.readAll(IT.bootstrapServers(), TOPIC, Duration.ofSeconds(20))) {
            assertThat(UsageEventSchema.violations(record.value())).as(record.value()).isEmpty();
            JsonNode e = json.readTree(record.value());
            String key = String.join("|", e.path("SubAccountId").asText(), e.path("RegionId").asText(),
                    e.path("SkuId").asText(), e.path("x_Metric").asText(), e.path("ChargePeriodStart").asText());
            assertThat(published.put(key, e.path("ConsumedQuantity").decimalValue().stripTrailingZeros()))
                    .as("published twice: " + record.value()).isNull();
        }
        return published;
    }
}
