package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.CollectorJar.Result;
import io.mediausage.collector.testing.TemplatedRoutes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged jar's log lines, as ops get them on stderr: one JSON object a line, naming the source, the window,
 * the API action and the cloud's RequestId of what they are about, also when they come from the API-call threads;
 * text lines with {@code USAGE_LOG_FORMAT=text}.
 */
class StructuredLogsIT {

    static final String SOURCE = "logs-mps";
    static final String ACTION = "DescribeUsageData";
    static final String SECRET_ID = "AKIDlogsIT0000000000000000000000";
    static final String SECRET_KEY = "structured-logs-it-tencent-secret";
    static final String WRONG_KEY = "structured-logs-it-wrong-secret-key";

    /** What the CLI itself prints on stderr, not through the logs: the summary of a collection. */
    static final Pattern CLI_LINE = Pattern.compile("source \\S+: \\d+ window\\(s\\), \\d+ event\\(s\\), \\d+ failed"
            + "|  failed: .*");

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.packagedJar(simulator -> TemplatedRoutes.source(
                    "tencent-mps-usage", "sourceName", SOURCE, "endpoint", simulator.baseUrl().toString(),
                    "topic", "usage.logs-it.mps", "accountId", "100012345678"))
            .topic("usage.logs-it.mps", 1, true)
            .simulator(config -> config.tencentCredential(SECRET_ID, SECRET_KEY));

    /** Two UTC+8 days, which the MPS source collects as one window of exactly this range. */
    final Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(8));
    final Instant from = to.minus(Duration.ofDays(2));
    final String window = "[" + from + ", " + to + ")";

    @Test
    void should_log_json_lines_and_name_the_request_id_of_a_retried_call_on_its_retry_line() throws Exception {
        IT.simulator().faults().nextCalls(FaultKind.TENCENT_INTERNAL_ERROR, 1, Api.MPS_USAGE);

        Result result = run(SECRET_KEY, Map.of());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).as("stdout carries command output only").isEmpty();
        List<JsonNode> lines = jsonLines(result);
        assertThat(collecting(lines)).as(result.stderr()).hasSize(1).allSatisfy(line -> {
            assertThat(line.path("source").asText()).isEqualTo(SOURCE);
            assertThat(line.path("window").asText()).isEqualTo(window);
        });
        String answered = answeredRequestId(call -> call.fault() == FaultKind.TENCENT_INTERNAL_ERROR);
        List<JsonNode> retries = lines.stream().filter(line -> line.path("message").asText().startsWith("Retrying "))
                .toList();
        assertThat(retries).as(result.stderr()).hasSize(1).allSatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("message").asText()).contains("InternalError").contains("attempt 2 of");
            assertThat(line.path("source").asText()).isEqualTo(SOURCE);
            assertThat(line.path("window").asText()).isEqualTo(window);
            assertThat(line.path("action").asText()).isEqualTo(ACTION);
            assertThat(line.path("requestId").asText()).isEqualTo(answered);
            // calls are made on the source's own threads, not by the thread that publishes the window
            assertThat(line.path("thread").asText()).contains("usage-calls-" + SOURCE);
        });
        assertNothingNamesTheWindowAfterTheCollection(result);
    }

    @Test
    void should_name_the_request_id_of_a_refused_call_on_its_dead_letter_line() throws Exception {
        Result result = run(WRONG_KEY, Map.of());

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        List<JsonNode> lines = jsonLines(result);
        String answered = answeredRequestId(call -> call.outcome().startsWith("AuthFailure"));
        List<JsonNode> deadLetters = lines.stream()
                .filter(line -> line.path("message").asText().startsWith("Dead letter: ")).toList();
        assertThat(deadLetters).as(result.stderr()).hasSize(1).allSatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.path("source").asText()).isEqualTo(SOURCE);
            assertThat(line.path("window").asText()).isEqualTo(window);
            assertThat(line.path("action").asText()).isEqualTo(ACTION);
            assertThat(line.path("requestId").asText()).isEqualTo(answered);
        });
        assertThat(lines).filteredOn(line -> line.path("message").asText().startsWith("Window "))
                .as(result.stderr()).hasSize(1).allSatisfy(line -> {
                    assertThat(line.path("level").asText()).isEqualTo("ERROR");
                    assertThat(line.path("source").asText()).isEqualTo(SOURCE);
                    assertThat(line.path("window").asText()).isEqualTo(window);
                });
        assertNothingNamesTheWindowAfterTheCollection(result);
        assertThat(result.stderr()).doesNotContain(WRONG_KEY);
    }

    @Test
    void should_log_text_lines_when_ops_ask_for_text() throws Exception {
        Result result = run(SECRET_KEY, Map.of("USAGE_LOG_FORMAT", "text"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines).as(result.stderr()).anyMatch(line -> line.contains(" INFO  [main] publish-window - Published "
                + SOURCE + " " + window));
        assertThat(lines).noneMatch(line -> jsonObject(line).isPresent());
    }

    /** Every stderr line but the CLI's own summary is one JSON object; they are returned in order. */
    private static List<JsonNode> jsonLines(Result result) {
        List<JsonNode> lines = new ArrayList<>();
        result.stderr().lines().filter(line -> !CLI_LINE.matcher(line).matches()).forEach(line ->
                lines.add(jsonObject(line).orElseThrow(() -> new AssertionError("not a JSON log line: " + line))));
        assertThat(lines).as(result.stderr()).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.path("level").asText()).isNotEmpty();
            assertThat(line.path("logger").asText()).isNotEmpty();
            assertThat(line.path("thread").asText()).isNotEmpty();
            assertThat(line.has("message")).isTrue();
        });
        return lines;
    }

    /** The MDC of the window's exchanges does not outlive them: the lines after the CLI's summary (shutdown) name none. */
    private static void assertNothingNamesTheWindowAfterTheCollection(Result result) {
        List<String> stderr = result.stderr().lines().toList();
        int summary = stderr.indexOf(stderr.stream().filter(line -> CLI_LINE.matcher(line).matches()).findFirst()
                .orElseThrow());
        assertThat(stderr.subList(summary, stderr.size()).stream().map(StructuredLogsIT::jsonObject)
                .flatMap(Optional::stream).toList())
                .as(result.stderr()).isNotEmpty()
                .allSatisfy(line -> assertThat(line.has("source") || line.has("window")).as(line.toString()).isFalse());
    }

    private static Optional<JsonNode> jsonObject(String line) {
        try {
            return Optional.of(JSON.readTree(line)).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static List<JsonNode> collecting(List<JsonNode> lines) {
        return lines.stream().filter(line -> line.path("message").asText().startsWith("Published ")).toList();
    }

    /** The RequestId the simulator sent back to the one call that matches. */
    private static String answeredRequestId(Predicate<RecordedCall> which) {
        List<RecordedCall> calls = IT.simulator().calls(Api.MPS_USAGE).stream().filter(which).toList();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).requestId()).isNotBlank();
        return calls.get(0).requestId();
    }

    private Result run(String secretKey, Map<String, String> environment) throws Exception {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("TENCENTCLOUD_SECRET_ID", SECRET_ID);
        variables.put("TENCENTCLOUD_SECRET_KEY", secretKey);
        return IT.jar().run("structured-logs-it.log", variables, "once", "--source", SOURCE, "--from",
                from.toString(), "--to", to.toString(), "--config", "application.properties");
    }
}
