package io.mediausage.collector.catalog;

import io.mediausage.collector.source.SourceConfigException;
import io.mediausage.collector.api.UsageSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SourceCatalogTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SECRET = "catalog-test-secret-value";

    private final Map<String, String> environment = new HashMap<>(Map.of("CLOUD_SDK_AK", "AKCATALOGTEST0000000",
            "CLOUD_SDK_SK", SECRET));
    private final SourceCatalog catalog = new SourceCatalog(name -> Optional.ofNullable(environment.get(name)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Map<String, Object> huawei(String name) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("sourceName", name);
        parameters.put("schedule", "0 10 * * * ?");
        parameters.put("scheduleTimeZone", "UTC");
        parameters.put("endpoint", "https://live.${region}.myhuaweicloud.com");
        parameters.put("topic", "usage.huawei.live");
        parameters.put("start", "P7D");
        parameters.put("settleDelay", "PT2H");
        parameters.put("lookback", "PT6H");
        parameters.put("rateLimit", "10");
        parameters.put("accessKeyIdVariable", "CLOUD_SDK_AK");
        parameters.put("secretKeyVariable", "CLOUD_SDK_SK");
        parameters.put("projectId", "0a1b2c3d");
        parameters.put("region", "cn-north-4");
        return parameters;
    }

    private UsageSource register(Map<String, Object> parameters) {
        return catalog.register(new LiveTranscodeUsageApi(), parameters, UnaryOperator.identity());
    }

    @Test
    void should_build_a_source_with_its_own_parameters_filled_into_defaults() {
        UsageSource source = register(huawei("live-a"));

        assertThat(source.endpoint()).hasToString("https://live.cn-north-4.myhuaweicloud.com");
        assertThat(source.start()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(source.subAccountId()).isEqualTo("0a1b2c3d");
        assertThat(catalog.get("live-a")).isSameAs(source);
    }

    @Test
    void should_refuse_a_bad_cron_naming_source_and_key() {
        Map<String, Object> parameters = huawei("live-b");
        parameters.put("schedule", "every hour");

        assertThatThrownBy(() -> register(parameters)).isInstanceOf(SourceConfigException.class)
                .hasMessageStartingWith("source 'live-b': schedule is not a Quartz cron expression");
    }

    @Test
    void should_refuse_a_missing_credential_variable_without_printing_any_secret() {
        environment.remove("CLOUD_SDK_AK");

        assertThatThrownBy(() -> register(huawei("live-c"))).isInstanceOf(SourceConfigException.class)
                .hasMessage("source 'live-c': accessKeyIdVariable names the variable CLOUD_SDK_AK, which is not set "
                        + "(nor CLOUD_SDK_AK_FILE)")
                .message().doesNotContain(SECRET);
    }

    @Test
    void should_refuse_two_sources_of_one_name() {
        register(huawei("live-d"));

        assertThatThrownBy(() -> register(huawei("live-d"))).hasMessageContaining("declared twice");
    }

    @Test
    void should_refuse_a_rate_limit_that_is_not_a_positive_number() {
        Map<String, Object> parameters = huawei("live-e");
        parameters.put("rateLimit", "0");

        assertThatThrownBy(() -> register(parameters)).hasMessageStartingWith("source 'live-e': rateLimit must be a "
                + "positive number");
    }

    @Test
    void should_refuse_a_start_that_is_neither_instant_nor_duration() {
        Map<String, Object> parameters = huawei("live-f");
        parameters.put("start", "yesterday");

        assertThatThrownBy(() -> register(parameters)).hasMessageStartingWith("source 'live-f': start must be");
    }
}
