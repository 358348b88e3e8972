package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.PublishedEvents;
import io.mediausage.collector.testing.TemplatedRoutes;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas of the packaged collector (child JVMs running {@code run}, schedules of two seconds) share seven SSAI
 * sources on six credentials through the collectors' group, against the simulator and a real broker, while the
 * sources catch up three days of hours: scaled from one replica to three, three owners killed with SIGKILL mid-window,
 * one owner frozen with SIGSTOP past the session timeout and woken, then scaled down to one. Read back from the topic
 * (read_committed): every key of every source once, each the simulator's figure; from the replicas' logs: each
 * source owned by one replica at a time, the two sources of one credential always together, the woken replica
 * publishing nothing before it learns it lost its partitions; from the simulator: no call over the rate limit.
 */
class ReplicaGroupIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    static final String TOPIC = "usage.it.replicas";
    static final String CHECKPOINTS = "usage.collector.checkpoints";
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SCHEDULE = Duration.ofSeconds(2);
    /** Slack on a failover for a 2-core machine running the broker, the simulator and three JVMs at once. */
    static final Duration SLACK = Duration.ofSeconds(20);
    static final int CREDENTIALS = 6;
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    /** A JVM starting on a busy 2-core machine takes tens of seconds to join. */
    static final Duration JOIN = Duration.ofSeconds(120);
    static final Pattern OWNS = Pattern.compile("owns partitions \\[([0-9, ]*)] of \\d+, sources \\[([^]]*)]");
    static final Pattern LOST = Pattern.compile("Group \\S+: lost ");
    static final Pattern PUBLISHED = Pattern.compile("Published it-replica");

    /** A source: its credential (its index), its SSAI channel and where it starts. */
    record Source(String name, int credential, String channelId, Instant start) {
    }

    static final List<Source> SOURCES = sources();

    @TempDir
    Path workDir;

    final ObjectMapper json = new ObjectMapper();
    final List<Replica> replicas = new ArrayList<>();
    final Map<String, Duration> failovers = new LinkedHashMap<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(Replica::kill);
    }

    @Test
    void should_share_fail_over_fence_and_scale_without_losing_or_repeating_a_window() throws Exception {
        KAFKA.broker().createTopic(TOPIC, 3, false);
        SimulatorConfig.Builder config = SimulatorConfig.builder().rateLimit(Api.SSAI_USAGE, 3);
        for (int credential = 0; credential < CREDENTIALS; credential++) {
            config.tencentCredential(secretId(credential), secretKey(credential));
        }
        SOURCES.forEach(source -> config.ssaiChannel(secretId(source.credential()), source.channelId(),
                source.name(), "Mid-roll"));
        Files.createDirectories(workDir.resolve("routes"));
        Files.copy(Path.of("config/application.properties"), workDir.resolve("application.properties"));
        try (CloudApiSimulator simulator = CloudApiSimulator.start(config.build())) {
            Files.writeString(workDir.resolve("routes/sources.yaml"), routes(simulator));

            // scale 1 -> 3 while the sources catch up
            Replica first = start("r1");
            await("r1 to own every source", JOIN, () -> everySourceOwnedOnce(List.of(first)));
            await("r1 to publish", JOIN, () -> first.count(PUBLISHED) > 0);
            start("r2");
            start("r3");
            await("three replicas to share the sources", JOIN, this::shared);
            for (Replica replica : live()) {
                assertThat(replica.get("/observe/health/ready")).as(replica.name + " ready").contains("UP");
            }
            await("the replicas' metrics to add up to every partition", JOIN, () -> live().stream()
                    .mapToDouble(replica -> replica.metric("usage_group_partitions_owned")).sum() == 8);

            for (int kill = 1; kill <= 3; kill++) {
                Replica victim = busiestOwner();
                Instant killed = Instant.now();
                victim.kill();
                await("the sources of " + victim.name + " to move", SESSION_TIMEOUT.plus(SCHEDULE).plus(SLACK),
                        () -> everySourceOwnedOnce(live()));
                failovers.put("SIGKILL of " + victim.name + " (" + victim.owned().size() + " sources)",
                        Duration.between(killed, Instant.now()));
                start("k" + kill);
                await("three replicas to share the sources again", JOIN, this::shared);
            }

            Replica sleeper = busiestOwner();
            sleeper.signal("STOP");
            Instant frozen = Instant.now();
            // read once it is stopped: what it logged until the signal came (a window it had committed) is before
            long frozenAt = sleeper.logLength();
            List<Replica> others = live().stream().filter(replica -> replica != sleeper).toList();
            await("the sources of the frozen " + sleeper.name + " to move", SESSION_TIMEOUT.plus(SCHEDULE).plus(SLACK),
                    () -> everySourceOwnedOnce(others));
            failovers.put("SIGSTOP of " + sleeper.name, Duration.between(frozen, Instant.now()));
            // the scenario itself: the new owners publish what the sleeper had in flight
            Thread.sleep(SCHEDULE.multipliedBy(2).toMillis());
            sleeper.signal("CONT");
            await(sleeper.name + " to learn it lost its partitions", Duration.ofSeconds(30),
                    () -> sleeper.logSince(frozenAt).lines().anyMatch(line -> LOST.matcher(line).find()));
            String woken = sleeper.logSince(frozenAt);
            String beforeItLearnt = woken.substring(0, LOST.matcher(woken).results().findFirst().orElseThrow().start());
            assertThat(PUBLISHED.matcher(beforeItLearnt).find())
                    .as(sleeper.name + " published after waking, before it learnt it had lost its partitions")
                    .isFalse();
            await(sleeper.name + " to rejoin", JOIN,
                    () -> !sleeper.owned().isEmpty() && everySourceOwnedOnce(live()));

            // scale 3 -> 1 while the sources still catch up
            List<Replica> leaving = live().subList(0, live().size() - 1);
            leaving.forEach(Replica::terminate);
            Replica last = live().get(live().size() - 1);
            await("the last replica to own every source", JOIN,
                    () -> everySourceOwnedOnce(List.of(last)));

            Instant caughtUp = Instant.now().truncatedTo(ChronoUnit.HOURS);
            await("every source to catch up", Duration.ofSeconds(240), () -> checkpoints().values().stream()
                    .filter(until -> !until.isBefore(caughtUp)).count() == SOURCES.size());
            long rss = last.peakRssKib();
            last.terminate();

            assertEveryKeyOnceWithTheSimulatorsFigure(simulator.data(), checkpoints());
            List<RecordedCall> throttled = simulator.calls(Api.SSAI_USAGE).stream()
                    .filter(call -> "RequestLimitExceeded".equals(call.outcome())).toList();
            // each credential's sources run on one replica, 1 call/s; the simulator allows 3 in any second, as a busy
            // machine bunches calls spaced a second apart (sources running on several replicas at once would trip it)
            assertThat(throttled).as("calls over the simulator's limit of 3/s per credential").isEmpty();
            System.out.printf("ReplicaGroupIT failovers (session timeout %s, schedule %s): %s; peak RSS of the last "
                    + "replica %d MiB%n", SESSION_TIMEOUT, SCHEDULE, failovers, rss / 1024);
        }
    }

    private void assertEveryKeyOnceWithTheSimulatorsFigure(UsageDataModel model, Map<String, Instant> checkpoints)
            throws IOException {
        Map<String, BigDecimal> expected = new HashMap<>();
        for (Source source : SOURCES) {
            for (Instant hour = source.start(); hour.isBefore(checkpoints.get(source.name()));
                    hour = hour.plus(Duration.ofHours(1))) {
                Instant start = hour;
                SsaiCollectionIT.counters(model.ssaiCounters(source.channelId(), "Mid-roll", hour))
                        .forEach((metric, value) -> expected.put(PublishedEvents.key(source.channelId(), "Midroll",
                                metric, "PT1H", start), PublishedEvents.figure(value)));
            }
        }
        Map<String, BigDecimal> published = new HashMap<>();
        for (ConsumerRecord<String, String> record :
                KafkaTopicReader.readAll(KAFKA.bootstrapServers(), TOPIC, Duration.ofSeconds(30))) {
            JsonNode event = json.readTree(record.value());
            String key = PublishedEvents.key(event.path("ResourceId").asText(), event.path("SkuId").asText(),
                    event.path("x_Metric").asText(), event.path("x_Granularity").asText(),
                    Instant.parse(event.path("ChargePeriodStart").asText()));
            BigDecimal earlier = published.put(key, event.path("ConsumedQuantity").decimalValue().stripTrailingZeros());
            assertThat(earlier).as("published twice: " + key).isNull();
        }
        assertThat(published).hasSize(expected.size()).isEqualTo(expected);
    }

    /** Every source owned by exactly one of these replicas (by their latest ownership line), the shared pair together. */
    private boolean everySourceOwnedOnce(List<Replica> owners) {
        List<String> owned = owners.stream().flatMap(replica -> replica.owned().stream()).toList();
        boolean once = owned.size() == SOURCES.size()
                && new HashSet<>(owned).equals(SOURCES.stream().map(Source::name).collect(Collectors.toSet()));
        if (once) {
            Set<String> sharedCredential = SOURCES.stream().filter(source -> source.credential() == 0)
                    .map(Source::name).collect(Collectors.toSet());
            assertThat(owners).as("the sources of one credential on one replica")
                    .anyMatch(replica -> replica.owned().containsAll(sharedCredential));
        }
        return once;
    }

    /** Every live replica owns sources, and every source is owned once. */
    private boolean shared() {
        return live().stream().allMatch(replica -> !replica.owned().isEmpty()) && everySourceOwnedOnce(live());
    }

    private Replica busiestOwner() {
        return live().stream().max(Comparator.comparingInt(replica -> replica.owned().size())).orElseThrow();
    }

    private List<Replica> live() {
        return replicas.stream().filter(replica -> replica.process.isAlive() && !replica.frozen).toList();
    }

    private Map<String, Instant> checkpoints() {
        Map<String, Instant> checkpoints = new HashMap<>();
        for (ConsumerRecord<String, String> record :
                KafkaTopicReader.readAll(KAFKA.bootstrapServers(), CHECKPOINTS, Duration.ofSeconds(10))) {
            if (record.value() != null && record.key().startsWith("it-replica")) {
                try {
                    checkpoints.put(record.key(), Instant.parse(json.readTree(record.value()).path("collectedUntil")
                            .asText()));
                } catch (IOException e) {
                    throw new AssertionError("unreadable checkpoint " + record.value(), e);
                }
            }
        }
        return checkpoints;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what + "; see target/it-logs/replica-*.log").atMost(timeout)
                .pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
    }

    private Replica start(String name) throws IOException {
        Replica replica = new Replica(name, workDir);
        replicas.add(replica);
        return replica;
    }

    private static List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        for (int credential = 0; credential < CREDENTIALS; credential++) {
            sources.add(new Source("it-replica-" + credential, credential, "5EED0000000000000%03d".formatted(credential),
                    START));
        }
        // the second source of credential 0 starts later: the two share its rate limit, so catch up at half speed
        sources.add(new Source("it-replica-shared", 0, "5EED0000000000000100", START.plus(Duration.ofDays(1))));
        return sources;
    }

    private static String secretId(int credential) {
        return "AKIDreplicaIT%022d".formatted(credential);
    }

    private static String secretKey(int credential) {
        return "replica-it-secret-" + credential;
    }

    private static String routes(CloudApiSimulator simulator) {
        return SOURCES.stream().map(source -> TemplatedRoutes.source("tencent-ssai-usage",
                "sourceName", source.name(), "endpoint", simulator.baseUrl().toString(), "topic", TOPIC,
                "schedule", "0/2 * * * * ?", "start", source.start().toString(), "settleDelay", "PT0S",
                "lookback", "PT0S", "rateLimit", "1",
                "accessKeyIdVariable", "REPLICA_IT_SECRET_ID_" + source.credential(),
                "secretKeyVariable", "REPLICA_IT_SECRET_KEY_" + source.credential(),
                "accountId", "100012345678", "granularity", "hour", "channelIds", source.channelId()))
                .collect(Collectors.joining("\n"));
    }

    /** One replica: the packaged jar's {@code run}, its output in target/it-logs (scanned for secrets by the build). */
    static final class Replica {

        final String name;
        final Process process;
        final Path log;
        final int managementPort;
        volatile boolean frozen;

        Replica(String name, Path workDir) throws IOException {
            this.name = name;
            this.log = Path.of("target", "it-logs", "replica-" + name + ".log");
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar",
                    Path.of(System.getProperty("usage.collector.jar", "target/usage-collector.jar"))
                            .toAbsolutePath().toString(), "run", "--config", "application.properties")
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            for (int credential = 0; credential < CREDENTIALS; credential++) {
                environment.put("REPLICA_IT_SECRET_ID_" + credential, secretId(credential));
                environment.put("REPLICA_IT_SECRET_KEY_" + credential, secretKey(credential));
            }
            environment.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
            environment.put("USAGE_GROUP_SESSION_TIMEOUT", SESSION_TIMEOUT.toString());
            environment.put("USAGE_GROUP_HEARTBEAT_INTERVAL", "PT1S");
            managementPort = freePort();
            environment.put("USAGE_MANAGEMENT_PORT", String.valueOf(managementPort));
            this.process = builder.start();
        }

        /** The sources of this replica's latest ownership line. */
        List<String> owned() {
            Matcher last = null;
            for (String line : logSince(0).lines().toList()) {
                Matcher matcher = OWNS.matcher(line);
                if (matcher.find()) {
                    last = matcher;
                }
            }
            if (last == null || last.group(2).isBlank()) {
                return List.of();
            }
            return Arrays.stream(last.group(2).split(",")).map(String::trim).toList();
        }

        long count(Pattern pattern) {
            return logSince(0).lines().filter(line -> pattern.matcher(line).find()).count();
        }

        long logLength() throws IOException {
            return Files.size(log);
        }

        String logSince(long offset) {
            try {
                byte[] bytes = Files.readAllBytes(log);
                return new String(bytes, (int) Math.min(offset, bytes.length),
                        (int) Math.max(0, bytes.length - offset));
            } catch (IOException e) {
                return "";
            }
        }

        void signal(String signal) throws IOException, InterruptedException {
            frozen = signal.equals("STOP");
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        }

        /** The most resident memory the JVM has had (VmHWM), in KiB. */
        long peakRssKib() throws IOException {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(0);
        }

        /** SIGTERM: leaves the group after finishing its windows in flight. */
        void terminate() {
            process.destroy();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** SIGKILL: no shutdown of any kind. */
        void kill() {
            if (frozen) {
                try {
                    signal("CONT");
                } catch (IOException | InterruptedException e) {
                    // killed anyway
                }
            }
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The body of a GET of the replica's management endpoint, or "" when it does not answer. */
        String get(String path) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return response.body();
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        /** A metric without labels, as the replica serves it now; -1 when it serves none. */
        double metric(String name) {
            return get("/observe/metrics").lines().filter(line -> line.startsWith(name + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                    .findFirst().orElse(-1);
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
