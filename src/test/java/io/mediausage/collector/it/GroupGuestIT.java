package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.collect.BackfillPlan;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backfill beside a running group: it publishes its range under transactional ids of its own and moves its
 * backfill checkpoint, but writes no record of the source's checkpoint, which is its owner's alone (so a source's
 * checkpoint never moves backwards under a writer with an older view of it).
 */
class GroupGuestIT {

    static final String SOURCE = "it-backfill-gap";
    static final String PROJECT = "ffff0000000000000000000000000006";
    static final String TOPIC = "usage.it.backfill-gap";
    static final String CHECKPOINTS = "usage.it.guest.checkpoints";
    static final String AK = "GROUPGUESTITAK000000";
    static final String SK = "group-guest-it-huawei-secret";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final Instant START = NOW.minus(Duration.ofDays(1));

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/backfill-gap-sources.yaml")
            .topic(TOPIC, 3, false)
            .huaweiAccount(AK, SK)
            .property("usage.checkpoint-topic", CHECKPOINTS)
            .property("it.start", START.toString())
            .startedByTheTest();

    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_backfill_beside_the_group_without_writing_the_sources_checkpoint() throws Exception {
        try (CollectorApplication member = IT.startCollector(NOW, true)) {
            await(() -> sourceCheckpoints().stream().anyMatch(record -> record.value().contains(NOW.toString())));
            int ownersRecords = sourceCheckpoints().size();

            Instant from = NOW.minus(Duration.ofDays(40));
            try (CollectorApplication guest = IT.startCollector(NOW, false)) {
                BackfillPlan plan = guest.planBackfill(SOURCE, from, START);
                assertThat(guest.collect(SOURCE, plan.windows(), (task, index, total, events, failure) -> { },
                        () -> false).succeeded()).isTrue();
            }

            assertThat(sourceCheckpoints()).as("records of the source's checkpoint").hasSize(ownersRecords);
            assertThat(checkpointKeys()).anyMatch(key -> key.startsWith("backfill " + SOURCE + " " + from));
            assertThat(transactionalIds()).anyMatch(id -> id.startsWith("usage-collector-guest-p"))
                    .anyMatch(id -> id.matches("usage-collector-p[0-9]+"));
            List<ConsumerRecord<String, String>> events = KafkaTopicReader.readAll(IT.bootstrapServers(), TOPIC,
                    Duration.ofSeconds(20));
            assertThat(events).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
            assertThat(events).hasSize(expectedEvents(IT.simulator().data(), from, NOW));
        }
    }

    private List<ConsumerRecord<String, String>> sourceCheckpoints() {
        return KafkaTopicReader.readAll(IT.bootstrapServers(), CHECKPOINTS, Duration.ofSeconds(10)).stream()
                .filter(record -> SOURCE.equals(record.key()) && record.value() != null).toList();
    }

    private Set<String> checkpointKeys() {
        return KafkaTopicReader.readAll(IT.bootstrapServers(), CHECKPOINTS, Duration.ofSeconds(10)).stream()
                .map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static Set<String> transactionalIds() throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, IT.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            return admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId)
                    .collect(Collectors.toSet());
        }
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await("the member's first window within a minute").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> holds(condition));
    }

    /** False while the condition cannot be checked yet (the checkpoint topic does not exist before the first window). */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** How many events the model's figures make over the hours of [from, to). */
    private static int expectedEvents(UsageDataModel model, Instant from, Instant to) {
        int expected = 0;
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            for (String spec : UsageDataModel.HUAWEI_SPECS) {
                expected += model.huaweiTranscodeMinutes(PROJECT, null, null, spec, hour).isPresent() ? 1 : 0;
            }
        }
        return expected;
    }
}
