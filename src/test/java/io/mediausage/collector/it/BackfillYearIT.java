package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's backfill of a year, as the README tells it, with the shipped configuration and every example
 * source of routes/sources.yaml: interrupted once with SIGTERM (Ctrl-C) part way, then run again with the same
 * command. Together the two runs publish every figure of the year once: no key twice, and each source's events on
 * the topics are exactly the events its summaries reported.
 */
class BackfillYearIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String SECRET_ID = "AKIDbackfillYearIT00000000000000";
    static final String SECRET_KEY = "backfill-year-it-tencent-secret";
    static final String AK = "BACKFILLYEARITAK0000";
    static final String SK = "backfill-year-it-huawei-secret";
    /** The simulator's and the collector's rates are raised together so that a year fits in a test run. */
    static final int RATE_PER_SECOND = 400;
    static final Map<String, String> TOPICS = Map.of("tencent-mps-usage", "usage.tencent.mps",
            "huawei-live-transcode-usage", "usage.huawei.live", "tencent-trtc-usage", "usage.tencent.trtc",
            "tencent-vod-play-stats", "usage.tencent.vod", "tencent-ssai-usage", "usage.tencent.ssai");
    static final Pattern PROGRESS = Pattern.compile("^\\[(\\d+)/(\\d+)\\] ");
    static final Pattern SUMMARY = Pattern.compile(
            "^source (\\S+): (\\d+) window\\(s\\), (\\d+) event\\(s\\), (\\d+) failed(?:, (\\d+) not started)?$");

    @TempDir
    Path workDir;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_backfill_a_year_of_every_example_source_interrupted_once_and_resumed_without_duplicates()
            throws Exception {
        for (String topic : TOPICS.values()) {
            KAFKA.broker().createTopic(topic, 3, true);
        }
        Files.createDirectories(workDir.resolve("routes"));
        Files.createDirectories(workDir.resolve("config"));
        Files.copy(Path.of("config/application.properties"), workDir.resolve("config/application.properties"));
        Files.copy(Path.of("config/vod-file-ids.txt"), workDir.resolve("config/vod-file-ids.txt"));
        Files.copy(Path.of("routes/sources.yaml"), workDir.resolve("routes/sources.yaml"));
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofDays(365));

        try (CloudApiSimulator simulator = CloudApiSimulator.start(exampleResources())) {
            String[] command = {"backfill", "--all", "--from", from.toString(), "--to", to.toString()};

            Run first = run(simulator, command, 0.15);
            assertThat(first.stderr()).contains("backfill of 8 source(s) interrupted in")
                    .contains("run the same command again to resume");
            Run second = run(simulator, command, 0);
            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(second.stderr()).contains("backfill of 8 source(s) done in").contains(": resuming after ");

            Map<String, Integer> reported = new HashMap<>();
            first.summaries().forEach((source, events) -> reported.merge(source, events, Integer::sum));
            second.summaries().forEach((source, events) -> reported.merge(source, events, Integer::sum));
            assertThat(reported).hasSize(8);

            Map<String, Integer> published = new HashMap<>();
            Map<String, String> seen = new HashMap<>();
            for (String topic : TOPICS.values()) {
                for (ConsumerRecord<String, String> record :
                        KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(30))) {
                    JsonNode event = json.readTree(record.value());
                    String figure = PublishedEvents.key(event.path("ResourceId").asText(), event.path("SkuId").asText(),
                            event.path("x_Metric").asText(), event.path("x_Granularity").asText(),
                            event.path("ChargePeriodStart").asText());
                    String source = event.path("x_SourceName").asText();
                    assertThat(seen.put(record.key(), figure)).as("key %s published twice", record.key()).isNull();
                    published.merge(source, 1, Integer::sum);
                }
            }
            assertThat(published).isEqualTo(reported);
        }
    }

    /** The apps, files and channels the example sources name, under one pair of made-up keys per cloud. */
    private static SimulatorConfig exampleResources() {
        SimulatorConfig.Builder config = SimulatorConfig.builder()
                .tencentCredential(SECRET_ID, SECRET_KEY)
                .huaweiCredential(AK, SK)
                .trtcSdkAppIds(SECRET_ID, 1400123456L, 1400654321L)
                .vodFile(SECRET_ID, "5285485487985271487", null)
                .vodFile(SECRET_ID, "5285485487985271488", null)
                .vodFile(SECRET_ID, "5285485487985271489", null)
                .vodFile(SECRET_ID, "5285485487985271490", 1500012345L)
                .vodFile(SECRET_ID, "5285485487985271491", 1500012345L)
                .ssaiChannel(SECRET_ID, "698AAD421D3EA5656115", "news", "Pre-roll", "Mid-roll")
                .ssaiChannel(SECRET_ID, "66503E8E0000930000F9", "ssai_channel", "Pre-roll", "Mid-roll", "VOD");
        for (Api api : Api.values()) {
            config.rateLimit(api, RATE_PER_SECOND);
        }
        return config.build();
    }

    record Run(int exitCode, String stderr, Map<String, Integer> summaries) {
    }

    /**
     * Runs the jar with {@code command}; with {@code interruptAt} above 0, sends SIGTERM once that share of the
     * windows is done.
     */
    private Run run(CloudApiSimulator simulator, String[] command, double interruptAt) throws Exception {
        List<String> commandLine = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Path.of(System.getProperty("usage.collector.jar", "target/usage-collector.jar"))
                .toAbsolutePath().toString()));
        commandLine.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.put("TENCENTCLOUD_SECRET_ID", SECRET_ID);
        environment.put("TENCENTCLOUD_SECRET_KEY", SECRET_KEY);
        environment.put("CLOUD_SDK_AK", AK);
        environment.put("CLOUD_SDK_SK", SK);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
        for (String api : TOPICS.keySet()) {
            String prefix = "USAGE_" + api.toUpperCase().replace('-', '_') + "_";
            environment.put(prefix + "ENDPOINT", simulator.baseUrl().toString());
            environment.put(prefix + "RATE_LIMIT", String.valueOf(RATE_PER_SECOND * 3 / 4));
        }
        Process collector = builder.start();
        StringBuilder stderr = new StringBuilder();
        Map<String, Integer> summaries = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(collector.getErrorStream(),
                StandardCharsets.UTF_8)); PrintWriter log = new PrintWriter(Files.newBufferedWriter(collectorLog(),
                        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND))) {
            boolean interrupted = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.println(line);
                Matcher progress = PROGRESS.matcher(line);
                if (progress.find()) {
                    if (interruptAt > 0 && !interrupted && Integer.parseInt(progress.group(1))
                            >= interruptAt * Integer.parseInt(progress.group(2))) {
                        // SIGTERM, as Ctrl-C or a container stop does (Process.destroy would also close our end of stderr)
                        collector.toHandle().destroy();
                        interrupted = true;
                    }
                    continue;
                }
                stderr.append(line).append('\n');
                Matcher summary = SUMMARY.matcher(line);
                if (summary.matches()) {
                    summaries.put(summary.group(1), Integer.parseInt(summary.group(3)));
                }
            }
        }
        assertThat(collector.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(collector.exitValue(), stderr.toString(), summaries);
    }

    /** Kept under target/ for the build's scan of all test output for secrets. */
    private static Path collectorLog() throws IOException {
        Path log = Path.of("target", "it-logs", "backfill-year-collector.log");
        Files.createDirectories(log.getParent());
        return log;
    }
}
