package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.collect.BackfillPlan;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import io.mediausage.collector.window.Window;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is on the checkpoint topic cannot stop the collector, and a backfill with a failed window is completed by
 * running it again, which collects just that window: a real broker, the simulator over real sockets.
 */
class CheckpointTopicIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String AK = "CHECKPOINTTOPICITAK0";
    static final String SK = "checkpoint-topic-it-huawei-secret";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final Instant START = NOW.minus(Duration.ofDays(1));
    static final String TOMBSTONED_PROJECT = "dddd0000000000000000000000000004";
    static final String GARBAGE_PROJECT = "eeee0000000000000000000000000005";
    static final String BACKFILL_PROJECT = "ffff0000000000000000000000000006";
    /** Three windows of the Huawei API's longest (743 hours): a middle one to fail. */
    static final Duration THREE_WINDOWS = Duration.ofHours(3 * 743);

    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_collect_past_a_tombstone_and_a_garbage_record_and_start_a_deleted_checkpoint_from_its_start()
            throws Exception {
        String checkpoints = "usage.it.poisoned.checkpoints";
        KAFKA.broker().createTopic("usage.it.poisoned", 3, true);
        KAFKA.broker().createTopic(checkpoints, 1, true);
        Instant garbageSourceCheckpoint = NOW.minus(Duration.ofHours(5));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(checkpoints, "it-tombstoned",
                    checkpointValue("it-tombstoned", NOW.minus(Duration.ofHours(1)))));
            producer.send(new ProducerRecord<>(checkpoints, "it-tombstoned", null));
            producer.send(new ProducerRecord<>(checkpoints, "it-garbage",
                    checkpointValue("it-garbage", garbageSourceCheckpoint)));
            producer.send(new ProducerRecord<>(checkpoints, "it-garbage", "\u0000{\"source\": not json"));
            producer.send(new ProducerRecord<>(checkpoints, "gap it-garbage p1 " + START + "/" + NOW,
                    "{\"reason\":\"a kind of record a later collector writes\"}"));
        }

        try (CloudApiSimulator simulator = CloudApiSimulator.start(SimulatorConfig.builder()
                .huaweiCredential(AK, SK).build())) {
            try (CollectorApplication collector = start(simulator, "it/poisoned-checkpoint-sources.yaml",
                    checkpoints, true, Map.of())) {
                awaitCheckpoints(checkpoints, Map.of("it-tombstoned", NOW, "it-garbage", NOW));
            }

            // the deleted checkpoint starts again from the source's start; the garbage leaves the one before it
            assertThat(callsOf(simulator, TOMBSTONED_PROJECT)).singleElement().satisfies(call -> assertThat(
                    call.parameters()).containsEntry("start_time", START.toString()));
            assertThat(callsOf(simulator, GARBAGE_PROJECT)).singleElement().satisfies(call -> assertThat(
                    call.parameters()).containsEntry("start_time", garbageSourceCheckpoint.toString()));
            List<ConsumerRecord<String, String>> events = read("usage.it.poisoned");
            assertThat(events).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
            assertThat(events).hasSize(expectedEvents(simulator.data(), TOMBSTONED_PROJECT, new Window(START, NOW))
                    + expectedEvents(simulator.data(), GARBAGE_PROJECT, new Window(garbageSourceCheckpoint, NOW)));
        }
    }

    @Test
    void should_collect_only_the_failed_middle_window_when_a_backfill_runs_again() throws Exception {
        String source = "it-backfill-gap";
        String topic = "usage.it.backfill-gap";
        String checkpoints = "usage.it.backfill-gap.checkpoints";
        KAFKA.broker().createTopic(topic, 3, true);
        KAFKA.broker().createTopic("usage.dead-letters", 1, false);
        Instant from = NOW.minus(THREE_WINDOWS);
        // one attempt a call: the injected error fails its window at once; one call in flight: the windows' calls are
        // made one after the other, so the second call is the middle window's
Map<String, String> oneAttempt = Map.of("usage.retry.max-attempts", "1", "usage.http.max-calls-in-flight", "1");

        try (CloudApiSimulator simulator = CloudApiSimulator.start(SimulatorConfig.builder()
                .huaweiCredential(AK, SK).build())) {
            Window failed;
            try (CollectorApplication first = start(simulator, "it/backfill-gap-sources.yaml", checkpoints, false,
                    oneAttempt)) {
                BackfillPlan plan = first.planBackfill(source, from, NOW);
                assertThat(plan.windows()).hasSize(3);
                assertThat(plan.resumption()).isEmpty();
                failed = plan.windows().get(1).window();
                // the first call answered as usual (a reply delayed by a millisecond), the second with HTTP 500
                simulator.faults().slowReplyDelay(Duration.ofMillis(1)).nextCalls(FaultKind.SLOW_REPLY, 1)
                        .nextCalls(FaultKind.HTTP_500, 1);
                CollectionReport report = first.collect(source, plan.windows(), (task, index, total, events, failure) -> {
                }, () -> false);
                assertThat(report.failures()).singleElement().asString().contains(failed.toString());
            }
            Set<String> firstKeys = read(topic).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertThat(firstKeys).hasSize(expectedEvents(simulator.data(), BACKFILL_PROJECT, new Window(from, NOW))
                    - expectedEvents(simulator.data(), BACKFILL_PROJECT, failed));
            simulator.clearCalls();

            // a new collector, which knows what the first committed only from the checkpoint topic
            try (CollectorApplication second = start(simulator, "it/backfill-gap-sources.yaml", checkpoints, false,
                    Map.of())) {
                BackfillPlan rerun = second.planBackfill(source, from, NOW);
                assertThat(rerun.windows()).extracting(WindowTask::window).containsExactly(failed);
                assertThat(rerun.resumption()).hasValueSatisfying(text -> assertThat(text)
                        .startsWith("resuming: 1 of 3 windows left"));
                assertThat(second.collect(source, rerun.windows(), (task, index, total, events, failure) -> { },
                        () -> false).succeeded()).isTrue();
                assertThat(second.planBackfill(source, from, NOW).windows()).isEmpty();
            }

            assertThat(simulator.calls()).singleElement().satisfies(call -> assertThat(call.parameters())
                    .containsEntry("start_time", failed.start().toString()));
            List<ConsumerRecord<String, String>> all = read(topic);
            assertThat(all).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
            List<ConsumerRecord<String, String>> rerunEvents = all.stream()
                    .filter(record -> !firstKeys.contains(record.key())).toList();
            assertThat(rerunEvents).hasSize(expectedEvents(simulator.data(), BACKFILL_PROJECT, failed));
            for (ConsumerRecord<String, String> event : rerunEvents) {
                assertThat(failed.containsBucket(Instant.parse(json.readTree(event.value())
                        .path("ChargePeriodStart").asText()))).as(event.key()).isTrue();
            }
        }
    }

    private CollectorApplication start(CloudApiSimulator simulator, String routes, String checkpointTopic,
            boolean scheduled, Map<String, String> moreProperties) throws Exception {
        Map<String, String> environment = Map.of("CLOUD_SDK_AK", AK, "CLOUD_SDK_SK", SK);
        Map<String, String> properties = new HashMap<>(moreProperties);
        properties.putAll(Map.of("camel.main.routes-include-pattern", "classpath:" + routes,
                "camel.component.kafka.brokers", KAFKA.bootstrapServers(),
                "usage.checkpoint-topic", checkpointTopic,
                "it.simulator-url", simulator.baseUrl().toString(),
                "it.start", START.toString()));
        return CollectorApplication.start(new CollectorApplication.Settings(Path.of("config/application.properties"),
                properties, Clock.fixed(NOW, ZoneOffset.UTC), name -> Optional.ofNullable(environment.get(name)),
                scheduled));
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static String checkpointValue(String source, Instant collectedUntil) {
        return "{\"source\":\"" + source + "\",\"collectedUntil\":\"" + collectedUntil + "\"}";
    }

    /** Waits until the latest checkpoint record of each source names the given time. */
    private void awaitCheckpoints(String topic, Map<String, Instant> expected) throws Exception {
        Map<String, String> latest = new HashMap<>();
        Awaitility.await("checkpoints to reach " + expected).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    read(topic).forEach(record -> latest.put(record.key(), record.value()));
                    assertThat(expected.entrySet().stream().allMatch(entry -> checkpointIs(latest.get(entry.getKey()),
                            entry.getValue()))).as("latest records: %s", latest).isTrue();
                });
    }

    private boolean checkpointIs(String value, Instant expected) {
        try {
            return value != null && expected.toString().equals(json.readTree(value).path("collectedUntil").asText());
        } catch (Exception unreadable) {
            return false;
        }
    }

    private static List<RecordedCall> callsOf(CloudApiSimulator simulator, String project) {
        return simulator.calls().stream().filter(call -> project.equals(call.parameters().get("project_id")))
                .toList();
    }

    /** How many events the model's figures make over the hours of {@code window}. */
    private static int expectedEvents(UsageDataModel model, String project, Window window) {
        int expected = 0;
        for (Instant hour = window.start(); hour.isBefore(window.end()); hour = hour.plus(Duration.ofHours(1))) {
            for (String spec : UsageDataModel.HUAWEI_SPECS) {
                expected += model.huaweiTranscodeMinutes(project, null, null, spec, hour).isPresent() ? 1 : 0;
            }
        }
        return expected;
    }

    private static List<ConsumerRecord<String, String>> read(String topic) {
        return new ArrayList<>(KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(20)));
    }
}
