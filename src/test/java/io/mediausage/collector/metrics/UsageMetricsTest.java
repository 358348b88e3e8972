package io.mediausage.collector.metrics;

import io.mediausage.collector.exchange.UsageExchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.CloudApiException;
import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import io.mediausage.collector.checkpoint.BackfillCheckpoint;
import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.checkpoint.InMemoryCheckpointStore;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageMetricsTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:20:30Z");
    static final Instant SOURCE_START = Instant.parse("2026-01-01T00:00:00Z"); // TestSources' start
    static final Window WINDOW = new Window(Instant.parse("2026-11-22T07:00:00Z"), Instant.parse("2026-11-22T09:00:00Z"));

    final CamelContext camel = new DefaultCamelContext();
    final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    final MeterRegistry registry = new SimpleMeterRegistry();
    final Map<String, Processor> processors =
            new UsageMetrics(checkpoints, Clock.fixed(NOW, ZoneOffset.UTC)).bindTo(registry).processors();
    final LiveTranscodeUsageApi api = new LiveTranscodeUsageApi();
    final UsageSource source = TestSources.source(api, "https://live.cn-north-4.myhuaweicloud.com",
            Map.of("projectId", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "region", "cn-north-4",
                    "schedule", "0 10 * * * ?", "scheduleTimeZone", "UTC"));
    final ApiCall call = api.calls(source, WINDOW).get(0);

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void should_count_every_attempt_of_a_call_by_source_action_and_outcome() throws Exception {
        processors.get("usageApiCallFailed").process(failedAttempt(
                new CloudApiException("Huawei Cloud Live ListTranscodeData", "APIGW.0308", "throttled", "r-1", true)));
        processors.get("usageApiCallFailed").process(failedAttempt(
                new RuntimeCamelException(new SocketTimeoutException("Read timed out"))));
        processors.get("usageApiCallFailed").process(failedAttempt(
                new RuntimeCamelException(new CloudApiException("x", "APIGW.0308", "throttled", null, true))));
        processors.get("usageApiCallSucceeded").process(callExchange());

        assertThat(calls("ok")).isEqualTo(1);
        assertThat(calls("APIGW.0308")).isEqualTo(2);
        assertThat(calls("SocketTimeoutException")).isEqualTo(1);
        assertThat(registry.get("usage.api.calls").counters()).hasSize(3)
                .allSatisfy(counter -> assertThat(counter.getId().getTag("source")).isEqualTo("test-source"));
    }

    @Test
    void should_name_the_outcome_after_the_cloud_error_code_or_the_innermost_exception() {
        assertThat(UsageMetrics.outcome(new CloudApiException("api", "AuthFailure.SecretIdNotFound", "m", null, false)))
                .isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(UsageMetrics.outcome(new IllegalStateException("outer", new SocketTimeoutException())))
                .isEqualTo("SocketTimeoutException");
        assertThat(UsageMetrics.outcome(null)).isEqualTo("Unknown");
    }

    @Test
    void should_count_published_events_and_move_the_gauges_to_the_checkpoint() throws Exception {
        checkpoints.advance("test-source", WINDOW.end());
        processors.get("usageWindowPublished").process(windowExchange(List.of("e1", "e2", "e3")));

        assertThat(registry.get("usage.events.published").tag("source", "test-source").counter().count()).isEqualTo(3);
        assertThat(gauge("usage.collected.until")).isEqualTo(WINDOW.end().getEpochSecond());
        assertThat(gauge("usage.lag")).isEqualTo(NOW.getEpochSecond() - WINDOW.end().getEpochSecond());
        // settle delay 2 h (TestSources) + one hourly bucket + an hour between runs
        assertThat(gauge("usage.lag.bound")).isEqualTo(4 * 3600);

        Window next = new Window(WINDOW.end(), WINDOW.end().plusSeconds(3600));
        checkpoints.advance("test-source", next.end());
        Exchange exchange = windowExchange(List.of());
        exchange.setProperty(UsageExchange.WINDOW_TASK, new WindowTask(source, next));
        processors.get("usageWindowPublished").process(exchange);

        assertThat(registry.get("usage.events.published").counter().count()).isEqualTo(3);
        assertThat(gauge("usage.collected.until")).isEqualTo(next.end().getEpochSecond());
        assertThat(gauge("usage.lag")).isEqualTo(NOW.getEpochSecond() - next.end().getEpochSecond());
    }

    @Test
    void should_count_a_failed_window_and_show_a_source_without_checkpoint_at_its_start() throws Exception {
        processors.get("usageWindowFailed").process(windowExchange(List.of()));
        processors.get("usageWindowFailed").process(windowExchange(List.of()));

        assertThat(registry.get("usage.windows.failed").tag("source", "test-source").counter().count()).isEqualTo(2);
        assertThat(gauge("usage.collected.until")).isEqualTo(SOURCE_START.getEpochSecond());
        assertThat(gauge("usage.lag")).isEqualTo(NOW.getEpochSecond() - SOURCE_START.getEpochSecond());
    }

    @Test
    void should_still_count_a_failed_window_when_the_checkpoints_cannot_be_read() {
        CheckpointStore unreadable = new CheckpointStore() {
            @Override
            public Optional<Instant> collectedUntil(String sourceName) {
                throw new IllegalStateException("broker down");
            }

            @Override
            public Optional<BackfillCheckpoint> backfill(String checkpointName) {
                throw new IllegalStateException("broker down");
            }
        };
        Processor failed = new UsageMetrics(unreadable, Clock.systemUTC()).bindTo(registry).processors()
                .get("usageWindowFailed");

        assertThatNoException().isThrownBy(() -> failed.process(windowExchange(List.of())));
        assertThat(registry.get("usage.windows.failed").counter().count()).isEqualTo(1);
        assertThat(registry.find("usage.collected.until").gauge()).isNull();
    }

    @Test
    void should_record_on_the_registry_camel_exposes() throws Exception {
        MeterRegistry camelRegistry = new SimpleMeterRegistry();
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, camelRegistry);
        Processor succeeded = new UsageMetrics(checkpoints, Clock.systemUTC()).processors().get("usageApiCallSucceeded");

        succeeded.process(callExchange());

        assertThat(camelRegistry.get("usage.api.calls").tag("outcome", "ok").counter().count()).isEqualTo(1);
    }

    private Exchange callExchange() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(UsageExchange.API_CALL, call);
        return exchange;
    }

    /** What Camel's error handler leaves for a processor run before a retry or in onException. */
    private Exchange failedAttempt(Exception failure) {
        Exchange exchange = callExchange();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }

    private Exchange windowExchange(List<String> events) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(UsageExchange.WINDOW_TASK, new WindowTask(source, WINDOW));
        exchange.getMessage().setBody(events);
        return exchange;
    }

    private double calls(String outcome) {
        return registry.get("usage.api.calls").tag("source", "test-source").tag("action", "ListTranscodeData")
                .tag("outcome", outcome).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).tag("source", "test-source").gauge().value();
    }
}
