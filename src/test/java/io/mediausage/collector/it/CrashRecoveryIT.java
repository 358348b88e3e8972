package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.TemplatedRoutes;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged collector, killed with SIGKILL at random points of a backfill three times and started again:
 * the topic ends with every expected key, each with the right value, and no key ever carried two values.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String AK = "CRASHITAK00000000000";
    static final String SK = "crash-it-huawei-secret";
    static final String PROJECT = "eeee0000000000000000000000000005";
    static final String TOPIC = "usage.it.crash";
    static final String CHECKPOINTS = "usage.collector.checkpoints";
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(62));

    @TempDir
    Path workDir;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_end_with_every_key_and_its_value_after_three_kills() throws Exception {
        KAFKA.broker().createTopic(TOPIC, 3, true);
        Files.createDirectories(workDir.resolve("routes"));
        Files.copy(Path.of("config/application.properties"), workDir.resolve("application.properties"));
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        try (CloudApiSimulator simulator = CloudApiSimulator.start(SimulatorConfig.builder()
                .huaweiCredential(AK, SK).build())) {
            // one-second answers spread a run over several seconds, so the kills land inside it
            simulator.faults().slowReplyDelay(Duration.ofSeconds(1)).probability(FaultKind.SLOW_REPLY, 1.0);
            Files.writeString(workDir.resolve("routes/sources.yaml"), source(simulator));

            for (int kill = 0; kill < 3; kill++) {
                Process collector = startCollector();
                // the scenario itself: the collector runs a random while before it is killed mid-run
                Thread.sleep(2_500 + random.nextInt(3_000));
                collector.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown of any kind
            }
            Instant caughtUp = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Process collector = startCollector();
            try {
                awaitCheckpoint(caughtUp);
            } finally {
                collector.destroy();
                collector.waitFor(30, TimeUnit.SECONDS);
            }

            Instant collectedUntil = checkpoint();
            Map<String, BigDecimal> expected = new HashMap<>();
            UsageDataModel model = simulator.data();
            for (Instant hour = START; hour.isBefore(collectedUntil); hour = hour.plus(Duration.ofHours(1))) {
                for (String spec : UsageDataModel.HUAWEI_SPECS) {
                    String key = spec + "|" + hour;
                    model.huaweiTranscodeMinutes(PROJECT, null, null, spec, hour)
                            .ifPresent(minutes -> expected.put(key, minutes.stripTrailingZeros()));
                }
            }
            Map<String, BigDecimal> published = new HashMap<>();
            Set<String> keys = new HashSet<>();
            for (ConsumerRecord<String, String> record :
                    KafkaTopicReader.readAll(KAFKA.bootstrapServers(), TOPIC, Duration.ofSeconds(30))) {
                JsonNode event = json.readTree(record.value());
                String key = event.path("SkuId").asText() + "|" + event.path("ChargePeriodStart").asText();
                BigDecimal value = event.path("ConsumedQuantity").decimalValue().stripTrailingZeros();
                BigDecimal earlier = published.put(key, value);
                assertThat(earlier == null || earlier.equals(value)).as("seed " + seed + ": two values for " + key)
                        .isTrue();
                keys.add(record.key());
            }
            assertThat(published).as("seed " + seed).isEqualTo(expected);
            assertThat(keys).hasSize(expected.size());
        }
    }

    private String source(CloudApiSimulator simulator) {
        return TemplatedRoutes.source("huawei-live-transcode-usage", "sourceName", "it-crash",
                "endpoint", simulator.baseUrl().toString(), "topic", TOPIC, "schedule", "0/1 * * * * ?",
                "start", START.toString(), "settleDelay", "PT0S", "lookback", "PT0S", "projectId", PROJECT,
                "region", "cn-north-4");
    }

    private Process startCollector() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("usage.collector.jar", "target/usage-collector.jar"))
                        .toAbsolutePath().toString(), "run", "--config", "application.properties")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(collectorLog().toFile()));
        builder.environment().put("CLOUD_SDK_AK", AK);
        builder.environment().put("CLOUD_SDK_SK", SK);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
        return builder.start();
    }

    /** Kept under target/ for the build's scan of all test output for secrets. */
    private static Path collectorLog() throws IOException {
        Path log = Path.of("target", "it-logs", "crash-recovery-collector.log");
        Files.createDirectories(log.getParent());
        return log;
    }

    private void awaitCheckpoint(Instant until) throws Exception {
        Awaitility.await("checkpoint to reach " + until + "; see " + collectorLog())
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                // no checkpoint topic or record yet
                .ignoreExceptionsMatching(e -> e instanceof IllegalStateException
                        || e instanceof IndexOutOfBoundsException)
                .until(() -> !checkpoint().isBefore(until));
    }

    private Instant checkpoint() throws Exception {
        List<ConsumerRecord<String, String>> records =
                KafkaTopicReader.readAll(KAFKA.bootstrapServers(), CHECKPOINTS, Duration.ofSeconds(10));
        return Instant.parse(json.readTree(records.get(records.size() - 1).value()).path("collectedUntil").asText());
    }
}
