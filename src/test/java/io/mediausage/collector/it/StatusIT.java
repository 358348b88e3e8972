package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.cli.StatusCommand;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code status} against a real broker, after a real collector collected: a source up to date, one two days behind
 * its healthy bound, one whose windows failed into the dead-letter topic; with records in the checkpoint topic that
 * are not checkpoints (a backfill's, a gap's, tombstones) that it must skip.
 */
class StatusIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String AK = "STATUSITAK0000000000";
    static final String SK = "status-it-huawei-secret";
    static final String UNKNOWN_SECRET_ID = "AKIDstatusITunknown0000000000000";
    static final String UNKNOWN_SECRET_KEY = "status-it-unknown-secret";
    static final String CHECKPOINTS = "usage.collector.checkpoints";
    static final String DEAD_LETTERS = "usage.dead-letters";

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant END = NOW.truncatedTo(ChronoUnit.HOURS);
    static final Instant START = END.minus(Duration.ofDays(3));

    @Test
    void should_print_each_source_against_its_healthy_bound_with_its_dead_letters_and_exit_1_when_one_is_behind()
            throws Exception {
        KAFKA.broker().createTopic("usage.huawei.live", 1, true);
        KAFKA.broker().createTopic(DEAD_LETTERS, 1, false);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        try (CloudApiSimulator simulator = CloudApiSimulator.start(SimulatorConfig.builder().huaweiCredential(AK, SK).build());
                CollectorApplication collector = collector(simulator.baseUrl().toString(), Map.of())) {
            assertThat(collector.collect("status-healthy", START, END).succeeded()).isTrue();
            assertThat(collector.collect("status-behind", START, START.plus(Duration.ofDays(1))).succeeded()).isTrue();
            assertThat(collector.collect("status-dead-letter", END.minus(Duration.ofDays(2)), END).failures()).isNotEmpty();
            writeRecordsThatAreNotCheckpoints();

            exitCode = new StatusCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), clock)
                    .run(collector, 3, Duration.ofDays(7));
        }
        String status = printed.toString(StandardCharsets.UTF_8);

        assertThat(exitCode).as(status).isEqualTo(StatusCommand.BEHIND);
        // hourly, no settle delay, a run an hour: healthy below 2 hours
        assertThat(status).as(status).contains("source status-healthy: collected until " + END + ", lag "
                + hms(Duration.between(END, NOW)) + ", healthy bound 2:00:00: ok");
        Instant behindUntil = START.plus(Duration.ofDays(1));
        assertThat(status).contains("source status-behind: collected until " + behindUntil + ", lag "
                + hms(Duration.between(behindUntil, NOW)) + ", healthy bound 2:00:00: BEHIND");
        // its checkpoint was deleted (a tombstone): it stands at its start, 12 hours back, within a day's bound
        assertThat(status).contains("source status-dead-letter: collected until " + NOW.minus(Duration.ofHours(12))
                + " (no checkpoint: its start), lag 12:00:00, healthy bound 25:00:00: ok");
        List<JsonNode> letters = deadLetters("status-dead-letter");
        assertThat(letters).isNotEmpty();
        for (JsonNode letter : letters.subList(Math.max(0, letters.size() - 3), letters.size())) {
            assertThat(letter.path("cloudRequestId").asText()).isNotBlank();
            assertThat(status).contains("  dead letter " + letter.path("failedAt").asText() + ": window ["
                    + letter.path("windowStart").asText() + ", " + letter.path("windowEnd").asText() + ") DescribeUsageData "
                    + letter.path("errorCode").asText() + ", RequestId " + letter.path("cloudRequestId").asText());
        }
        assertThat(status).endsWith("3 source(s), 1 behind their healthy lag bound (checkpoints: " + CHECKPOINTS
                + ", dead letters since " + NOW.minus(Duration.ofDays(7)) + ": " + DEAD_LETTERS + ")"
                + System.lineSeparator());
        assertThat(status).doesNotContain(UNKNOWN_SECRET_ID).doesNotContain(UNKNOWN_SECRET_KEY).doesNotContain(SK);
    }

    @Test
    void should_take_topics_not_created_yet_for_no_checkpoints_and_no_dead_letters_and_not_create_them()
            throws Exception {
        String checkpoints = "usage.status-it.no-checkpoints";
        String deadLetters = "usage.status-it.no-dead-letters";
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        try (CollectorApplication collector = collector("http://127.0.0.1:9",
                Map.of("usage.checkpoint-topic", checkpoints, "usage.dead-letter-topic", deadLetters))) {
            exitCode = new StatusCommand(new PrintStream(printed, true, StandardCharsets.UTF_8),
                    Clock.fixed(NOW, ZoneOffset.UTC)).run(collector, 3, Duration.ofDays(7));
        }
        String status = printed.toString(StandardCharsets.UTF_8);

        assertThat(status).contains("topic " + checkpoints + " does not exist: no source has a checkpoint")
                .contains("topic " + deadLetters + " does not exist: no dead letters")
                // three days back at its start, an hourly source is behind
                .contains("source status-healthy: collected until " + START + " (no checkpoint: its start), lag "
                        + hms(Duration.between(START, NOW)) + ", healthy bound 2:00:00: BEHIND");
        assertThat(exitCode).isEqualTo(StatusCommand.BEHIND);
        try (Admin admin = KAFKA.broker().admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(checkpoints, deadLetters);
        }
    }

    private static CollectorApplication collector(String simulatorUrl, Map<String, String> overrides) throws Exception {
        Map<String, String> environment = Map.of("CLOUD_SDK_AK", AK, "CLOUD_SDK_SK", SK,
                "STATUS_UNKNOWN_SECRET_ID", UNKNOWN_SECRET_ID, "STATUS_UNKNOWN_SECRET_KEY", UNKNOWN_SECRET_KEY);
        Map<String, String> properties = new HashMap<>(Map.of(
                "camel.main.routes-include-pattern", "classpath:it/status-sources.yaml",
                "camel.component.kafka.brokers", KAFKA.bootstrapServers(),
                "usage.retry.initial-delay-ms", "100",
                "it.simulator-url", simulatorUrl,
                "it.start", START.toString()));
        properties.putAll(overrides);
        return CollectorApplication.start(new CollectorApplication.Settings(Path.of("config/application.properties"),
                properties, Clock.fixed(NOW, ZoneOffset.UTC), name -> Optional.ofNullable(environment.get(name)), false));
    }

    /** What else the checkpoint topic holds: a backfill's own checkpoint, another kind of key, tombstones. */
    private static void writeRecordsThatAreNotCheckpoints() throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(CHECKPOINTS, "backfill status-behind " + START + "/" + NOW,
                    "{\"source\":\"status-behind\",\"collectedUntil\":\"" + END + "\"}")).get();
            producer.send(new ProducerRecord<>(CHECKPOINTS, "gap status-behind " + START, "{\"gaps\":[\"?\"]}")).get();
            producer.send(new ProducerRecord<>(CHECKPOINTS, "status-removed", null)).get();
            producer.send(new ProducerRecord<>(CHECKPOINTS, "status-dead-letter",
                    "{\"source\":\"status-dead-letter\",\"collectedUntil\":\"" + END + "\"}")).get();
            producer.send(new ProducerRecord<>(CHECKPOINTS, "status-dead-letter", null)).get();
            producer.send(new ProducerRecord<>(DEAD_LETTERS, "status-removed/x", "not a dead letter")).get();
        }
    }

    private static List<JsonNode> deadLetters(String source) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> letters = new ArrayList<>();
        for (ConsumerRecord<String, String> record :
                KafkaTopicReader.readAll(KAFKA.bootstrapServers(), DEAD_LETTERS, Duration.ofSeconds(10))) {
            if (record.value().startsWith("{")) {
                JsonNode letter = json.readTree(record.value());
                if (source.equals(letter.path("source").asText())) {
                    letters.add(letter);
                }
            }
        }
        letters.sort(Comparator.comparing(letter -> letter.path("failedAt").asText()));
        return letters;
    }

    private static String hms(Duration duration) {
        return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }
}
