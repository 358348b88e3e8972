package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.collect.CollectionPlanner;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.PublishedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A VOD source whose list names one FileId the cloud does not know among good ones, backfilled for a week: the good
 * files are published exact and complete, the unknown one is named in a dead letter, a metric and a gap per window;
 * once the cloud knows the file, the scheduled runs collect its gaps, each key once, and close them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ItemIsolationIT {

    static final String SOURCE = "it-vod-with-unknown-file";
    static final String TOPIC = "usage.tencent.vod";
    static final String DEAD_LETTERS = "usage.dead-letters";
    static final String CHECKPOINTS = "usage.collector.checkpoints";
    static final String SECRET_ID = "AKIDitemIT000000000000000000000";
    static final String SECRET_KEY = "item-isolation-it-secret";
    static final List<String> GOOD_FILES = List.of("5285485487985279001", "5285485487985279002");
    static final String UNKNOWN_FILE = "5285485487985279999";

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final Instant FROM = NOW.minus(Duration.ofDays(7));

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/item-isolation-sources.yaml")
            .topic(TOPIC, 3, true)
            .topic(DEAD_LETTERS, 1, false)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .simulator(config -> vodFiles(config, GOOD_FILES))
            .property("usage.retry.initial-delay-ms", "20")
            .property("usage.retry.max-delay-ms", "100")
            .property("it.start", FROM.toString())
            .clock(NOW);

    final ObjectMapper json = new ObjectMapper();
    final CollectorApplication collector = IT.collector();

    private static void vodFiles(SimulatorConfig.Builder config, List<String> files) {
        files.forEach(file -> config.vodFile(SECRET_ID, file, null));
    }

    @Test
    @Order(1)
    void should_publish_the_good_files_and_name_the_unknown_one_in_a_dead_letter_a_metric_and_a_gap()
            throws Exception {
        CollectionReport report = collector.collect(SOURCE, FROM, NOW);

        assertThat(report.failures()).isNotEmpty().allSatisfy(failure -> assertThat(failure)
                .contains(UNKNOWN_FILE).contains("InvalidParameterValue.FileId").contains("gap"));
        assertThat(published()).isEqualTo(expected(IT.simulator().data(), GOOD_FILES));
        List<JsonNode> letters = deadLetters();
        assertThat(letters).hasSize(report.failures().size()).allSatisfy(letter -> {
            assertThat(letter.path("item").asText()).isEqualTo(UNKNOWN_FILE);
            assertThat(letter.path("errorCode").asText()).isEqualTo("InvalidParameterValue.FileId");
            assertThat(letter.path("cloudRequestId").asText()).isNotBlank();
        });
        MeterRegistry meters = collector.context().getRegistry().findSingleByType(MeterRegistry.class);
        assertThat(meters.get("usage.items.failed").tag("source", SOURCE).tag("item", UNKNOWN_FILE).counter()
                .count()).isEqualTo(report.failures().size());
        assertThat(openGaps()).hasSize(report.failures().size()).allMatch(key -> key.contains(UNKNOWN_FILE));
        // the checkpoint moved over the whole week: the good files are not held back by the unknown one
        assertThat(checkpointOf(SOURCE)).isEqualTo(NOW.toString());
    }

    @Test
    @Order(2)
    void should_collect_the_gaps_once_the_cloud_knows_the_file_each_key_once() throws Exception {
        CloudApiSimulator simulator = IT.restartSimulator(config -> vodFiles(config, List.of(UNKNOWN_FILE)));
        CollectionPlanner planner = collector.context().getRegistry().lookupByNameAndType("collectionPlanner",
                CollectionPlanner.class);

        for (int run = 0; run < 3 && !openGaps().isEmpty(); run++) {
            List<WindowTask> windows = planner.scheduled(collector.sources().get(SOURCE));
            assertThat(windows).allMatch(task -> task.repairedItem().equals(Optional.of(UNKNOWN_FILE)));
            assertThat(collector.collect(SOURCE, windows, (task, index, total, events, failure) -> { }, () -> false)
                    .succeeded()).isTrue();
        }

        assertThat(openGaps()).isEmpty();
        Map<String, BigDecimal> expected = expected(simulator.data(), List.of(UNKNOWN_FILE));
        // the good files were published by the first test; the figures of the restarted simulator are the same
        expected.putAll(expected(simulator.data(), GOOD_FILES));
        assertThat(published()).isEqualTo(expected);
        assertThat(simulator.calls(io.mediausage.collector.simulator.Api.VOD_PLAY_STATS))
                .allMatch(call -> call.parameters().get("FileId").equals(UNKNOWN_FILE), "only the gap's file asked");
    }

    /** Figures by key, asserting every key was published once. */
    private Map<String, BigDecimal> published() throws Exception {
        Map<String, BigDecimal> figures = new HashMap<>();
        for (ConsumerRecord<String, String> record : IT.records(TOPIC)) {
            JsonNode event = json.readTree(record.value());
            BigDecimal previous = figures.put(PublishedEvents.key(event.path("ResourceId").asText(),
                    event.path("SkuId").asText(), event.path("x_Metric").asText(),
                    event.path("x_Granularity").asText(), Instant.parse(event.path("ChargePeriodStart").asText())),
                    event.path("ConsumedQuantity").decimalValue().stripTrailingZeros());
            assertThat(previous).as("published twice: " + record.value()).isNull();
        }
        return figures;
    }

    private static Map<String, BigDecimal> expected(UsageDataModel model, List<String> files) {
        Map<String, BigDecimal> expected = new HashMap<>();
        for (String file : files) {
            for (Instant hour = FROM; hour.isBefore(NOW); hour = hour.plus(Duration.ofHours(1))) {
                Instant start = hour;
                model.vodHour(file, hour).ifPresent(figure -> {
                    expected.put(PublishedEvents.key(file, "Playback", "plays", "PT1H", start),
                            PublishedEvents.figure(figure.playTimes()));
                    expected.put(PublishedEvents.key(file, "Playback", "traffic", "PT1H", start),
                            PublishedEvents.figure(figure.traffic()));
                });
            }
        }
        assertThat(expected).hasSizeGreaterThan(files.size() * 2 * 24 * 3);
        return expected;
    }

    private List<JsonNode> deadLetters() throws Exception {
        List<JsonNode> letters = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : IT.records(DEAD_LETTERS)) {
            letters.add(json.readTree(record.value()));
        }
        return letters;
    }

    /** The gap keys whose latest record is not a tombstone. */
    private List<String> openGaps() {
        Map<String, String> latest = new HashMap<>();
        IT.records(CHECKPOINTS).stream()
                .filter(record -> record.key().startsWith("gap "))
                .forEach(record -> latest.put(record.key(), record.value()));
        return latest.entrySet().stream().filter(entry -> entry.getValue() != null).map(Map.Entry::getKey)
                .sorted().collect(Collectors.toList());
    }

    private String checkpointOf(String source) throws Exception {
        String value = null;
        for (ConsumerRecord<String, String> record : IT.records(CHECKPOINTS)) {
            if (record.key().equals(source)) {
                value = record.value();
            }
        }
        return json.readTree(value).path("collectedUntil").asText();
    }
}
