package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.testing.ExampleResources;
import io.mediausage.collector.testing.PublishedEvents;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * command. Together the two runs publish every figure of the year once: no key and no figure twice, the second run
 * plans for each source just the windows outside what the first committed (one range, from the start of the
 * source's range to its last committed window), and the events on the topics are exactly those the two summaries
 * report.
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
    /** The default topic of every API, by API name, as config/application.properties sets them. */
    static final Map<String, String> TOPICS = defaultTopics();
    static final Pattern PROGRESS = Pattern.compile("^\\[(\\d+)/(\\d+)\\] ");
    static final Pattern RESUMED = Pattern.compile(
            "^(\\S+): resuming: (\\d+) of (\\d+) windows left; an earlier run of this backfill committed (.*)$");
    static final Pattern RANGE = Pattern.compile("\\[(\\S+), (\\S+)\\)(?:, | and |$)");
    static final Pattern SUMMARY = Pattern.compile(
            "^source (\\S+): (\\d+) window\\(s\\), (\\d+) event\\(s\\), (\\d+) failed(?:, (\\d+) not started)?$");

    private static Map<String, String> defaultTopics() {
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> topics = new LinkedHashMap<>();
        UsageApis.names().forEach(api -> topics.put(api, config.getProperty("usage." + api + ".topic")));
        return topics;
    }

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
        // settled for every source (the longest settle delay is TRTC's P1DT3H) in both runs: a range reaching past
        // now minus the settle delay ends there, and that edge moves between the runs
        Instant to = Instant.now().minus(Duration.ofDays(1).plusHours(3)).truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofDays(365));

        try (CloudApiSimulator simulator = CloudApiSimulator.start(exampleResources())) {
            String[] command = {"backfill", "--all", "--from", from.toString(), "--to", to.toString()};

            // early enough that several sources are in the middle of their range
            Run first = run(simulator, command, 0.05);
            assertThat(first.exitCode()).as("stopped by SIGTERM").isEqualTo(128 + 15);
            int sources = ExampleResources.declaredSources(Path.of("routes/sources.yaml"));
            assertThat(first.stderr()).contains("backfill of " + sources + " source(s) interrupted in")
                    .contains("run the same command again to resume");
            assertThat(first.summaries()).hasSize(sources).allSatisfy((source, summary) ->
                    assertThat(summary.failed()).as(source).isZero());
            assertThat(first.summaries().values()).filteredOn(summary -> summary.notStarted() > 0).hasSizeGreaterThan(1);
            Map<String, List<Published>> firstEvents = publishedBySource();

            Run second = run(simulator, command, 0);
            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(second.stderr()).contains("backfill of " + sources + " source(s) done in");
            Map<String, List<Published>> allEvents = publishedBySource();

            assertThat(second.summaries().keySet()).isEqualTo(first.summaries().keySet());
            first.summaries().forEach((source, before) -> {
                Summary after = second.summaries().get(source);
                // the second run plans exactly the windows the first did not start, and fails none
                assertThat(after.windows()).as(source).isEqualTo(before.notStarted());
                assertThat(after.failed()).as(source).isZero();
                assertThat(after.notStarted()).as(source).isZero();
                // each run's events are on the topics: once each
                assertThat(firstEvents.getOrDefault(source, List.of())).as(source).hasSize(before.events());
                assertThat(allEvents.getOrDefault(source, List.of())).as(source)
                        .hasSize(before.events() + after.events());
            });
            // the second run collects just outside what the first committed, for each source it resumed: one range
            // (interrupted, nothing failed), from the start of the source's range to its last committed window
            assertThat(second.resumed().keySet()).containsAll(first.summaries().entrySet().stream()
                    .filter(entry -> entry.getValue().notStarted() > 0).map(Map.Entry::getKey).toList());
            second.resumed().forEach((source, resumed) -> {
                assertThat(resumed.windowsLeft()).as(source).isEqualTo(second.summaries().get(source).windows());
                assertThat(resumed.committed()).as(source).hasSize(1);
                Instant resumedAfter = resumed.committed().get(0).end();
                Set<String> firstKeys = new HashSet<>();
                firstEvents.get(source).forEach(event -> {
                    firstKeys.add(event.key());
                    assertThat(event.periodStart()).as(source).isAfterOrEqualTo(resumed.committed().get(0).start());
                    assertThat(event.periodEnd()).as(source).isBeforeOrEqualTo(resumedAfter);
                });
                assertThat(allEvents.get(source)).filteredOn(event -> !firstKeys.contains(event.key()))
                        .allSatisfy(event -> assertThat(event.periodStart()).as(source).isAfterOrEqualTo(resumedAfter));
            });
        }
    }

    /** An event on a usage topic, as much of it as the test compares (a year of events is over a million). */
    record Published(String key, Instant periodStart, Instant periodEnd) {
    }

    /** Every event on the usage topics by source; no record key and no figure twice. */
    private Map<String, List<Published>> publishedBySource() throws IOException {
        Map<String, List<Published>> bySource = new HashMap<>();
        Set<String> keys = new HashSet<>();
        Set<String> figures = new HashSet<>();
        for (String topic : TOPICS.values()) {
            for (ConsumerRecord<String, String> record :
                    KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(30))) {
                JsonNode event = json.readTree(record.value());
                String source = event.path("x_SourceName").asText();
                String figure = source + "|" + PublishedEvents.key(event.path("ResourceId").asText(),
                        event.path("SkuId").asText(), event.path("x_Metric").asText(),
                        event.path("x_Granularity").asText(), event.path("ChargePeriodStart").asText());
                assertThat(keys.add(record.key())).as("key %s published twice", record.key()).isTrue();
                assertThat(figures.add(figure)).as("figure %s published twice", figure).isTrue();
                bySource.computeIfAbsent(source, name -> new ArrayList<>()).add(new Published(record.key(),
                        Instant.parse(event.path("ChargePeriodStart").asText()),
                        Instant.parse(event.path("ChargePeriodEnd").asText())));
            }
        }
        return bySource;
    }

    /** The example sources' resources, at raised rate limits. */
    private static SimulatorConfig exampleResources() {
        SimulatorConfig.Builder config = ExampleResources.simulator(SECRET_ID, SECRET_KEY, AK, SK);
        for (Api api : Api.values()) {
            config.rateLimit(api, RATE_PER_SECOND);
        }
        return config.build();
    }

    record Summary(int windows, int events, int failed, int notStarted) {
    }

    /** A range an earlier run committed, as a resumption line names it. */
    record Committed(Instant start, Instant end) {
    }

    /** A resumption line: windows left to collect, and every range committed before (the line names up to 3). */
    record Resumed(int windowsLeft, List<Committed> committed) {
    }

    /** What a run printed: its summary line and its resumption line per source. */
    record Run(int exitCode, String stderr, Map<String, Summary> summaries, Map<String, Resumed> resumed) {
    }

    /**
     * Runs the jar with {@code command}; with {@code interruptAt} above 0, sends SIGTERM once that share of the
     * windows is done.
     */
    private Run run(CloudApiSimulator simulator, String[] command, double interruptAt) throws Exception {
        // the heap issue 14 asks a year of every example source to fit in: windows are bounded in memory
        List<String> commandLine = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-jar", Path.of(System.getProperty("usage.collector.jar",
                        "target/usage-collector.jar"))
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
        Map<String, Summary> summaries = new HashMap<>();
        Map<String, Resumed> resumed = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(collector.getErrorStream(),
                StandardCharsets.UTF_8)); PrintWriter log = new PrintWriter(Files.newBufferedWriter(collectorLog(),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
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
                    summaries.put(summary.group(1), new Summary(Integer.parseInt(summary.group(2)),
                            Integer.parseInt(summary.group(3)), Integer.parseInt(summary.group(4)),
                            summary.group(5) == null ? 0 : Integer.parseInt(summary.group(5))));
                }
                Matcher resumption = RESUMED.matcher(line);
                if (resumption.matches()) {
                    resumed.put(resumption.group(1), new Resumed(Integer.parseInt(resumption.group(2)),
                            committedRanges(resumption.group(4))));
                }
            }
        }
        assertThat(collector.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(collector.exitValue(), stderr.toString(), summaries, resumed);
    }

    /** The ranges a resumption line names; it must name them all ("and N more range(s)" fails the test). */
    private static List<Committed> committedRanges(String text) {
        assertThat(text).doesNotContain("more range");
        List<Committed> ranges = new ArrayList<>();
        Matcher range = RANGE.matcher(text);
        while (range.find()) {
            ranges.add(new Committed(Instant.parse(range.group(1)), Instant.parse(range.group(2))));
        }
        assertThat(ranges).as(text).isNotEmpty();
        return ranges;
    }

    /** Kept under target/ for the build's scan of all test output for secrets. */
    private static Path collectorLog() throws IOException {
        Path log = Path.of("target", "it-logs", "backfill-year-collector.log");
        Files.createDirectories(log.getParent());
        return log;
    }
}
