package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A restarted collector resumes from the checkpoint it kept in Kafka: no gap, nothing collected twice. */
class CheckpointResumeIT {

    static final String AK = "RESUMEITAK0000000000";
    static final String SK = "resume-it-huawei-secret";
    static final String PROJECT = "cccc0000000000000000000000000003";
    static final String TOPIC = "usage.it.resume";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final Instant START = NOW.minus(Duration.ofDays(3));
    static final Instant FIRST_RUN_NOW = NOW.minus(Duration.ofHours(5));

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/checkpoint-sources.yaml")
            .topic(TOPIC, 3, true)
            .huaweiAccount(AK, SK)
            .property("usage.checkpoint-topic", "usage.it.resume.checkpoints")
            .property("it.start", START.toString())
            .startedByTheTest();

    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_resume_from_the_kafka_checkpoint_after_a_restart() throws Exception {
        CloudApiSimulator simulator = IT.simulator();
        // first life: its clock says five hours ago
        try (CollectorApplication first = IT.startCollector(FIRST_RUN_NOW, true)) {
            awaitHours(hoursBetween(START, FIRST_RUN_NOW));
        }
        assertThat(checkpoint()).isEqualTo(FIRST_RUN_NOW);
        simulator.clearCalls();

        // second life: collects only the five hours since its checkpoint
        try (CollectorApplication second = IT.startCollector(NOW, true)) {
            awaitHours(hoursBetween(START, NOW));
        }

        assertThat(checkpoint()).isEqualTo(NOW);
        List<RecordedCall> calls = simulator.calls();
        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.ok()).isTrue();
            assertThat(call.parameters()).containsEntry("start_time", FIRST_RUN_NOW.toString());
        });
        List<Instant> hours = new ArrayList<>();
        for (ConsumerRecord<String, String> record : read()) {
            hours.add(Instant.parse(json.readTree(record.value()).path("ChargePeriodStart").asText()));
        }
        UsageDataModel model = simulator.data();
        long expected = 0;
        for (Instant hour = START; hour.isBefore(NOW); hour = hour.plus(Duration.ofHours(1))) {
            for (String spec : UsageDataModel.HUAWEI_SPECS) {
                expected += model.huaweiTranscodeMinutes(PROJECT, null, null, spec, hour).isPresent() ? 1 : 0;
            }
        }
        assertThat(hours).hasSize((int) expected).allSatisfy(h -> assertThat(h).isBetween(START, NOW));
        assertThat(read()).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    }

    /** Waits until the checkpoint in Kafka stands {@code hours} after the start. */
    private void awaitHours(long hours) throws Exception {
        Instant until = START.plus(Duration.ofHours(hours));
        Awaitility.await("checkpoint to reach " + until).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> checkpointOrEpoch().equals(until));
    }

    private static long hoursBetween(Instant from, Instant to) {
        return Duration.between(from, to).toHours();
    }

    private Instant checkpoint() throws Exception {
        List<ConsumerRecord<String, String>> records =
                KafkaTopicReader.readAll(IT.bootstrapServers(), "usage.it.resume.checkpoints", Duration.ofSeconds(10));
        JsonNode latest = json.readTree(records.get(records.size() - 1).value());
        assertThat(latest.path("source").asText()).isEqualTo("it-resume");
        return Instant.parse(latest.path("collectedUntil").asText());
    }

    private Instant checkpointOrEpoch() {
        try {
            return checkpoint();
        } catch (Exception | AssertionError notYet) {
            return Instant.EPOCH;
        }
    }

    private List<ConsumerRecord<String, String>> read() {
        return KafkaTopicReader.readAll(IT.bootstrapServers(), TOPIC, Duration.ofSeconds(10));
    }
}
