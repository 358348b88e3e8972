package io.mediausage.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.app.CollectorBeans;
import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.catalog.SourceContract;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.group.SourcePartitions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CollectorKeysTest {

    private static final List<List<TemplateParameter>> TEMPLATES = List.of(List.of(
            TemplateParameter.required("rateLimit", "Rate limit", "number", "{{usage.tencent-mps-usage.rate-limit}}",
                    "2", "requests a second"),
            TemplateParameter.required("scheduleTimeZone", "Time zone", "time zone id", "{{usage.schedule-time-zone}}",
                    "UTC", "time zone")));

    private static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void should_know_the_global_keys_of_the_shipped_file_and_the_per_api_keys_templates_read() throws IOException {
        CollectorKeys keys = new CollectorKeys(shipped(), TEMPLATES);

        assertThat(keys.known()).contains("usage.retry.max-attempts", "usage.kafka.transactional-id",
                "usage.tencent-mps-usage.rate-limit", "usage.schedule-time-zone")
                // shipped, but no template of this test reads it: a per-API key nobody reads is unknown
                .doesNotContain("usage.tencent-mps-usage.topic");
    }

    @Test
    void should_pass_the_shipped_file_with_the_collector_templates() throws IOException {
        Properties shipped = shipped();
        List<UsageApi> apis = new CollectorBeans(Clock.systemUTC(), name -> Optional.empty(), CheckpointStore.NONE,
                exchange -> { }, SourceOwnership.everything(() -> new SourcePartitions(1))).apis();
        CollectorKeys keys = CollectorKeys.of(apis.stream().map(SourceContract::of).toList());

        assertThat(keys.check("application.properties", shipped.stringPropertyNames(),
                key -> Optional.ofNullable(shipped.getProperty(key)), Map.of())).isEmpty();
    }

    @Test
    void should_hold_counts_and_milliseconds_to_whole_numbers_but_not_rate_limits() throws IOException {
        Properties given = shipped();
        given.setProperty("usage.http.max-calls-in-flight", "0");
        given.setProperty("usage.tencent-mps-usage.rate-limit", "0.5");

        List<ConfigurationProblem> problems = new CollectorKeys(shipped(), TEMPLATES).check("app.properties",
                List.of(), key -> Optional.ofNullable(given.getProperty(key)), Map.of());

        assertThat(problems).extracting(ConfigurationProblem::key).containsExactly("usage.http.max-calls-in-flight");
    }

    @Test
    void should_hold_deadlines_and_timeouts_to_durations_above_zero() throws IOException {
        Properties given = shipped();
        given.setProperty("usage.window.deadline", "1h");
        given.setProperty("usage.http.call-deadline", "PT0S");

        List<ConfigurationProblem> problems = new CollectorKeys(shipped(), TEMPLATES).check("app.properties",
                List.of(), key -> Optional.ofNullable(given.getProperty(key)), Map.of());

        assertThat(problems).extracting(ConfigurationProblem::key)
                .containsExactlyInAnyOrder("usage.window.deadline", "usage.http.call-deadline");
        assertThat(problems).allSatisfy(problem -> assertThat(problem.problem()).contains("ISO-8601 duration"));
    }

    @Test
    void should_name_the_variable_a_value_came_from() throws IOException {
        List<ConfigurationProblem> problems = new CollectorKeys(shipped(), TEMPLATES).check("app.properties",
                List.of(), key -> Optional.of(key.equals("usage.retry.max-attempts") ? "zero" : "1"),
                Map.of("USAGE_RETRY_MAX_ATTEMPTS", "zero"));

        assertThat(problems).filteredOn(problem -> problem.key().equals("usage.retry.max-attempts"))
                .extracting(ConfigurationProblem::toString).containsExactly("environment variable "
                        + "USAGE_RETRY_MAX_ATTEMPTS: usage.retry.max-attempts must be a whole number above 0, got 'zero'");
    }

    @Test
    void should_take_a_known_time_zone_and_refuse_one_quartz_would_read_as_gmt() {
        assertThat(io.mediausage.collector.source.TimeZoneIds.problem("Asia/Shanghai")).isEmpty();
        assertThat(io.mediausage.collector.source.TimeZoneIds.problem("GMT")).isEmpty();
        assertThat(io.mediausage.collector.source.TimeZoneIds.problem("UTC+8")).get().asString().contains("'UTC+8' is not a time zone");
    }
}
