package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.ops.OpsQueries;
import io.mediausage.collector.ops.PromQlQuery;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.testing.CollectorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Route;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The collector's health and metrics endpoints, scraped over HTTP while two sources run: one collects (after one
 * injected 503 it retries), one has credentials the cloud does not know and fails its window on every run. The
 * per-source figures must match what the simulator received and what landed in Kafka. The same page must carry
 * every metric and label the Grafana dashboard and the Prometheus alert rules under {@code ops/} query.
 */
class ObservabilityIT {

    static final String AK = "OBSERVABILITYITAK000";
    static final String SK = "observability-it-huawei-secret";
    static final String UNKNOWN_SECRET_ID = "AKIDobservabilityITunknown000000";
    static final String UNKNOWN_SECRET_KEY = "observability-it-unknown-secret";
    static final String SOURCE = "it-obs";
    static final String FAILING_SOURCE = "it-obs-unknown-credentials";
    static final String ITEM_SOURCE = "it-obs-vod-unknown-file";
    static final String TENCENT_SECRET_ID = "AKIDobservabilityITtencent000000";
    static final String TENCENT_SECRET_KEY = "observability-it-tencent-secret";
    static final String TOPIC = "usage.huawei.live";
    static final String DEAD_LETTERS = "usage.dead-letters";

    /** The collector's "now", pinned; the sources start three days of whole hours before it. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant START = NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    /** The end of the last whole hour before now: where the collecting source's checkpoint must stand. */
    static final Instant END = NOW.truncatedTo(ChronoUnit.HOURS);

    static final URI MANAGEMENT = URI.create("http://127.0.0.1:" + freePort());

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/observability-sources.yaml")
            .topic(TOPIC, 3, true)
            .topic(DEAD_LETTERS, 1, false)
            .huaweiAccount(AK, SK)
            // credentials the simulator does not know
            .environment("OBS_UNKNOWN_SECRET_ID", UNKNOWN_SECRET_ID)
            .environment("OBS_UNKNOWN_SECRET_KEY", UNKNOWN_SECRET_KEY)
            .tencentAccount(TENCENT_SECRET_ID, TENCENT_SECRET_KEY, "OBS_TENCENT_SECRET_ID", "OBS_TENCENT_SECRET_KEY")
            .simulator(config -> config.vodFile(TENCENT_SECRET_ID, "5285485487985276001", null))
            // one retried attempt
            .beforeCollector(simulator -> simulator.faults().nextCalls(FaultKind.HTTP_503, 1, Api.HUAWEI_TRANSCODE))
            .property("camel.management.port", String.valueOf(MANAGEMENT.getPort()))
            .property("usage.retry.initial-delay-ms", "100")
            .property("it.start", START.toString())
            .clock(NOW).scheduled();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void should_serve_health_and_per_source_metrics_that_match_the_calls_and_the_topics() throws Exception {
        // the collecting source reaches now, the failing one fails at least twice
        Metrics metrics = awaitMetrics(page -> page.value("usage_collected_until_seconds", "source", SOURCE)
                == END.getEpochSecond() && page.value("usage_windows_failed_total", "source", FAILING_SOURCE) >= 2);

        // healthy while a source fails its windows: a failing cloud account is not a reason to restart
        for (String path : List.of("/observe/health", "/observe/health/live", "/observe/health/ready")) {
            HttpResponse<String> health = get(path);
            assertThat(health.statusCode()).as(path + ": " + health.body()).isEqualTo(200);
            assertThat(json.readTree(health.body()).path("status").asText()).as(path).isEqualTo("UP");
        }

        // stop the schedules, so that the figures and the topics hold still while they are compared
        stopSchedule(SOURCE);
        stopSchedule(FAILING_SOURCE);
        metrics = scrape();
        List<RecordedCall> calls = IT.simulator().calls();

        // the collecting source: every attempt counted by outcome, its events, its checkpoint
        List<RecordedCall> sourceCalls = calls.stream().filter(c -> AK.equals(c.credential())).toList();
        assertThat(sourceCalls.stream().filter(RecordedCall::ok)).isNotEmpty();
        assertThat(metrics.value("usage_api_calls_total", "source", SOURCE, "action", "ListTranscodeData", "outcome", "ok"))
                .isEqualTo(sourceCalls.stream().filter(RecordedCall::ok).count());
        assertThat(sourceCalls.stream().filter(c -> c.fault() == FaultKind.HTTP_503)).hasSize(1);
        assertThat(metrics.value("usage_api_calls_total", "source", SOURCE)).isEqualTo(sourceCalls.size());
        long published = IT.records(TOPIC).stream()
                .filter(r -> r.value().contains("\"x_SourceName\":\"" + SOURCE + "\"")).count();
        assertThat(published).isPositive();
        assertThat(metrics.value("usage_events_published_total", "source", SOURCE)).isEqualTo(published);
        assertThat(metrics.value("usage_collected_until_seconds", "source", SOURCE)).isEqualTo(END.getEpochSecond());
        assertThat(metrics.value("usage_lag_seconds", "source", SOURCE))
                .isEqualTo(Duration.between(END, NOW).toSeconds());
        assertThat(metrics.value("usage_windows_failed_total", "source", SOURCE)).isZero();

        // the failing source: each attempt answered AuthFailure (not retried), each failed window a dead letter
        List<RecordedCall> failingCalls = calls.stream().filter(c -> UNKNOWN_SECRET_ID.equals(c.credential())).toList();
        assertThat(failingCalls).isNotEmpty().noneMatch(RecordedCall::ok);
        for (String outcome : failingCalls.stream().map(RecordedCall::outcome).distinct().toList()) {
            assertThat(metrics.value("usage_api_calls_total", "source", FAILING_SOURCE, "action", "DescribeUsageData",
                    "outcome", outcome)).as(outcome)
                    .isEqualTo(failingCalls.stream().filter(c -> outcome.equals(c.outcome())).count());
        }
        assertThat(metrics.value("usage_api_calls_total", "source", FAILING_SOURCE)).isEqualTo(failingCalls.size());
        long deadLetters = deadLetters(FAILING_SOURCE);
        assertThat(deadLetters).isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("usage_windows_failed_total", "source", FAILING_SOURCE)).isEqualTo(deadLetters);
        assertThat(metrics.value("usage_events_published_total", "source", FAILING_SOURCE)).isZero();
        // never collected: it stands at its start, three days behind
        assertThat(metrics.value("usage_collected_until_seconds", "source", FAILING_SOURCE))
                .isEqualTo(START.getEpochSecond());
        assertThat(metrics.value("usage_lag_seconds", "source", FAILING_SOURCE))
                .isEqualTo(Duration.between(START, NOW).toSeconds());

        // a one-off collection (the CLI's once) counts its failed window too
        double failedBefore = metrics.value("usage_windows_failed_total", "source", FAILING_SOURCE);
        assertThat(IT.collector().collect(FAILING_SOURCE, START, END).failures()).hasSize(1);
        assertThat(scrape().value("usage_windows_failed_total", "source", FAILING_SOURCE)).isEqualTo(failedBefore + 1);

        // Camel's own metrics are on the same endpoint
        assertThat(metrics.text()).contains("camel_exchanges_total");
    }

    @Test
    void should_serve_every_metric_and_label_the_dashboard_and_the_alert_rules_query() throws Exception {
        // every usage_* series appears once the sources have run a window; a GC pause is recorded after a GC
        Metrics metrics = awaitMetrics(page -> page.value("usage_lag_bound_seconds", "source", SOURCE) != 0
                && page.value("usage_windows_failed_total", "source", FAILING_SOURCE) >= 1
                && page.value("usage_items_failed_total", "source", ITEM_SOURCE, "item", "5285485487985276999") >= 1);
        System.gc();
        Map<String, Set<String>> page = OpsQueries.metricsOf(scrape().text());
        Map<String, PromQlQuery> queries = OpsQueries.all();

        assertThat(queries).hasSizeGreaterThan(20);
        assertThat(OpsQueries.missing(queries, page)).isEmpty();
        // the healthy bound of the hourly source (settle delay 0, one hour, a run every 2 s) is the collector's
        assertThat(metrics.value("usage_lag_bound_seconds", "source", SOURCE)).isEqualTo(3600 + 2);
    }

    /** Stops the source's Quartz route (found by its endpoint: its route id is generated, not the source name). */
    private static void stopSchedule(String source) throws Exception {
        String uri = "quartz://usage/" + source + "?";
        List<String> routeIds = IT.collector().context().getRoutes().stream()
                .filter(route -> route.getEndpoint().getEndpointUri().startsWith(uri)).map(Route::getId).toList();
        assertThat(routeIds).as(uri).hasSize(1);
        IT.collector().context().getRouteController().stopRoute(routeIds.get(0));
    }

    private long deadLetters(String source) throws IOException {
        long count = 0;
        for (ConsumerRecord<String, String> record :
                IT.records(DEAD_LETTERS)) {
            JsonNode letter = json.readTree(record.value());
            count += source.equals(letter.path("source").asText()) ? 1 : 0;
        }
        return count;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(MANAGEMENT.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Metrics scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/observe/metrics");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new Metrics(response.body());
    }

    /** The page once it shows what {@code ready} looks for. */
    private Metrics awaitMetrics(Predicate<Metrics> ready) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(this::scrape, ready);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Prometheus text format: one sample a line, {@code name{label="value",...} number}. */
    record Metrics(String text) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        /** The sum of the samples of {@code name} that carry the given labels (name, value, name, value...). */
        double value(String name, String... labels) {
            double sum = 0;
            for (String line : text.split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
                    continue;
                }
                Map<String, String> present = new HashMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    present.put(label.group(1), label.group(2));
                }
                boolean matches = true;
                for (int i = 0; i < labels.length; i += 2) {
                    matches &= labels[i + 1].equals(present.get(labels[i]));
                }
                sum += matches ? Double.parseDouble(sample.group(3)) : 0;
            }
            return sum;
        }
    }
}
