package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window too wide to hold in memory: the packaged collector, at {@code -Xmx128m}, backfills three days of an hourly
 * VOD source of 2,000 files, one window of 2,000 calls and about 280,000 events (several hundred megabytes as
 * objects). It must end with every event of the simulator's model published once.
 */
class WideWindowMemoryIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String SECRET_ID = "AKIDwideWindowIT00000000000000000";
    static final String SECRET_KEY = "wide-window-it-secret";
    static final String TOPIC = "usage.tencent.vod";
    static final int FILES = 2000;
    static final Instant TO = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
    static final Instant FROM = TO.minus(Duration.ofDays(3));

    @TempDir
    Path workDir;

    @Test
    void should_publish_every_event_of_a_2000_file_window_in_128_megabytes_of_heap() throws Exception {
        KAFKA.broker().createTopic(TOPIC, 3, true);
        List<String> files = new ArrayList<>();
        SimulatorConfig.Builder config = SimulatorConfig.builder().tencentCredential(SECRET_ID, SECRET_KEY)
                .rateLimit(Api.VOD_PLAY_STATS, 1000);
        for (int i = 0; i < FILES; i++) {
            String file = String.valueOf(5285485487985000000L + i);
            files.add(file);
            config.vodFile(SECRET_ID, file, null);
        }
        try (CloudApiSimulator simulator = CloudApiSimulator.start(config.build())) {
            Files.createDirectories(workDir.resolve("routes"));
            Files.createDirectories(workDir.resolve("config"));
            Files.copy(Path.of("config/application.properties"), workDir.resolve("config/application.properties"));
            Files.write(workDir.resolve("config/files.txt"), files, StandardCharsets.UTF_8);
            Files.writeString(workDir.resolve("routes/wide.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: tencent-vod-play-stats
                        parameters:
                          - name: sourceName
                            value: wide-vod
                          - name: accountId
                            value: "100012345678"
                          - name: granularity
                            value: hour
                          - name: fileIdsFile
                            value: config/files.txt
                          - name: settleDelay
                            value: PT0S
                          - name: rateLimit
                            value: "500"
                    """);
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx128m", "-jar", Path.of(System.getProperty("usage.collector.jar",
                            "target/usage-collector.jar")).toAbsolutePath().toString(),
                    "backfill", "--source", "wide-vod", "--from", FROM.toString(), "--to", TO.toString())
                    .directory(workDir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(Path.of("target/it-logs/wide-window-collector.log").toFile());
            Files.createDirectories(Path.of("target/it-logs"));
            Map<String, String> environment = builder.environment();
            environment.put("TENCENTCLOUD_SECRET_ID", SECRET_ID);
            environment.put("TENCENTCLOUD_SECRET_KEY", SECRET_KEY);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
            environment.put("USAGE_TENCENT_VOD_PLAY_STATS_ENDPOINT", simulator.baseUrl().toString());
            environment.put("USAGE_LOG_LEVEL", "WARN");
            Process collector = builder.start();
            long peakRssKb = awaitExit(collector, Duration.ofMinutes(5));
            // for the record (the operating system's figure, heap and all): target/failsafe-reports
            System.out.println("wide window collector: peak RSS (VmHWM) " + peakRssKb / 1024 + " MiB");

            assertThat(collector.isAlive()).as("the backfill ends").isFalse();
            String log = Files.readString(Path.of("target/it-logs/wide-window-collector.log"));
            assertThat(collector.exitValue()).as(log).isZero();
            assertThat(log).doesNotContain("OutOfMemoryError");
            assertThat(simulator.calls(Api.VOD_PLAY_STATS)).hasSize(FILES);

            int expected = expectedEvents(simulator.data(), files);
            assertThat(expected).isGreaterThan(200_000);
            Set<String> keys = new HashSet<>();
            for (ConsumerRecord<String, String> record : KafkaTopicReader.readAll(KAFKA.bootstrapServers(), TOPIC,
                    Duration.ofSeconds(60))) {
                assertThat(keys.add(record.key())).as("published twice: %s", record.key()).isTrue();
            }
            assertThat(keys).hasSize(expected);
        }
    }

    /** Waits for the process to end, reading its peak resident set size (Linux) as it runs; 0 where unknown. */
    private static long awaitExit(Process process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peakKb = 0;
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (java.io.IOException e) {
                // not Linux, or the process just ended
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        return peakKb;
    }

    /** Plays and traffic of every hour of the range the model has a row for. */
    private static int expectedEvents(UsageDataModel model, List<String> files) {
        int events = 0;
        for (String file : files) {
            for (Instant hour = FROM; hour.isBefore(TO); hour = hour.plus(Duration.ofHours(1))) {
                events += model.vodHour(file, hour).isPresent() ? 2 : 0;
            }
        }
        return events;
    }
}
