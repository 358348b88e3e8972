package io.mediausage.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's cases are what issue 14 names, and their configuration carries no secret. */
class BenchCasesTest {

    static final Instant NOW = Instant.parse("2026-12-02T04:30:00Z");
    final List<BenchCase> cases = BenchCases.all(NOW);

    @Test
    void the_cases_cover_the_ranges_the_issue_names_in_whole_days_before_now() {
        assertThat(cases).extracting(BenchCase::name).containsExactly("ssai-hourly-7d", "trtc-5min-20d", "huawei-1y",
                "vod-hourly-1000f-1d", "ssai-50-credentials", "publish-path");
        assertThat(cases).extracting(c -> Duration.between(c.from(), c.to())).containsExactly(Duration.ofDays(7),
                Duration.ofDays(20), Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(7));
        assertThat(cases).allSatisfy(c -> assertThat(c.to()).isBeforeOrEqualTo(NOW));
        // UTC+8 buckets end at UTC+8 midnight; Huawei's year starts no earlier than the API keeps (today UTC − 365 d)
        assertThat(byName("ssai-hourly-7d").to()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
        assertThat(byName("huawei-1y").from()).isEqualTo(NOW.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(365)));
        assertThat(byName("huawei-1y").from().atOffset(ZoneOffset.UTC).getHour()).isZero();
    }

    @Test
    void fifty_sources_on_fifty_credentials_each_known_to_the_simulator() {
        BenchCase fifty = byName("ssai-50-credentials");
        SimulatorConfig simulator = fifty.simulator().build();

        assertThat(fifty.sources()).hasSize(50);
        assertThat(fifty.credentialVariables()).hasSize(100);
        assertThat(simulator.tencentCredentials()).hasSize(50);
        assertThat(simulator.rateLimit(Api.SSAI_USAGE)).as("documented limit").isEqualTo(20);
        assertThat(byName("publish-path").simulator().build().rateLimit(Api.SSAI_USAGE))
                .isEqualTo(BenchCases.FREE_CALLS_PER_SECOND);
    }

    @Test
    void the_scaling_cases_run_only_when_named_and_an_unknown_name_is_refused() {
        assertThat(BenchCases.named(NOW, List.of())).extracting(BenchCase::name)
                .containsExactlyElementsOf(cases.stream().map(BenchCase::name).toList());
        List<BenchCase> named = BenchCases.named(NOW, List.of("ssai-25-credentials", "huawei-1y", "ssai-10-credentials"));
        assertThat(named).extracting(BenchCase::name)
                .containsExactly("huawei-1y", "ssai-10-credentials", "ssai-25-credentials");
        assertThat(named.get(2).sources()).hasSize(25);
        assertThat(named.get(2).to()).isEqualTo(byName("ssai-50-credentials").to());
        assertThatThrownBy(() -> BenchCases.named(NOW, List.of("ssai-40-credentials")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssai-40-credentials")
                .hasMessageContaining("ssai-25-credentials");
    }

    @Test
    void routes_name_credential_variables_and_never_a_secret() {
        for (BenchCase benchCase : cases) {
            String routes = benchCase.routes("bench.topic");
            assertThat(routes).as(benchCase.name()).contains("routeTemplateRef: " + benchCase.template())
                    .contains("value: \"bench.topic\"").doesNotContain(BenchCases.TENCENT_SECRET_KEY)
                    .doesNotContain(BenchCases.HUAWEI_SK);
            benchCase.sources().forEach(source -> assertThat(routes).contains(source.secretKeyVariable()));
        }
        assertThat(byName("vod-hourly-1000f-1d").files().get("config/bench-vod-file-ids.txt").lines()).hasSize(1000);
        assertThat(byName("huawei-1y").environmentPrefix()).isEqualTo("USAGE_HUAWEI_LIVE_TRANSCODE_USAGE_");
    }

    private BenchCase byName(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
