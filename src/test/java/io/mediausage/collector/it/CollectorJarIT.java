package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.CollectorJar.Result;
import io.mediausage.collector.testing.TemplatedRoutes;
import io.mediausage.collector.testing.UsageEventSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The packaged jar, run as a user runs it: {@code java -jar target/usage-collector.jar once ...}. */
class CollectorJarIT {

    static final String SECRET_ID = "AKIDjarIT000000000000000000000000";
    static final String SECRET_KEY = "jar-it-tencent-secret-value";
    static final String TOPIC = "usage.jar-it.mps";
    static final String WRONG_KEY = "a-wrong-secret-that-must-not-be-printed";
    static final String LOG = "collector-jar-it.log";

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.packagedJar(simulator -> TemplatedRoutes.source(
                    "tencent-mps-usage", "sourceName", "jar-mps", "endpoint", simulator.baseUrl().toString(),
                    "topic", TOPIC, "accountId", "100012345678"))
            .topic(TOPIC, 1, true)
            .tencentAccount(SECRET_ID, SECRET_KEY);

    @Test
    void should_collect_a_range_and_exit_zero() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);

        Result result = run(Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID, "TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
                "once", "--source", "jar-mps", "--from", to.minus(Duration.ofDays(5)).toString(), "--to", to.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("source jar-mps: 1 window\\(s\\), [1-9][0-9]* event\\(s\\), 0 failed");
        assertThat(IT.records(TOPIC)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()).contains("\"x_SourceName\":\"jar-mps\""));
        assertThat(result.output()).doesNotContain(SECRET_KEY);
    }

    @Test
    void should_exit_one_and_name_the_cloud_error_when_the_key_is_wrong_without_printing_it() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);

        Result result = run(Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID, "TENCENTCLOUD_SECRET_KEY", WRONG_KEY),
                "once", "--source", "jar-mps", "--from", to.minus(Duration.ofDays(2)).toString(), "--to", to.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("1 failed").contains("AuthFailure.SignatureFailure")
                .doesNotContain(WRONG_KEY);
    }

    @Test
    void should_backfill_every_source_with_progress_and_a_summary() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);

        Result result = run(Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID, "TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
                "backfill", "--all", "--from", to.minus(Duration.ofDays(100)).toString(), "--to", to.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stderr()).containsPattern("\\[1/2\\] jar-mps \\[.*\\): [0-9]+ events \\| [0-9]+ events \\| "
                + "elapsed [0-9:]+ \\| ETA [0-9:]+")
                .contains("[2/2] jar-mps").contains("backfill of 1 source(s) done in")
                .containsPattern("source jar-mps: 2 window\\(s\\), [1-9][0-9]* event\\(s\\), 0 failed");
    }

    @Test
    void should_print_events_as_json_lines_and_publish_nothing_in_a_dry_run() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
        int recordsBefore = IT.records(TOPIC).size();

        Result result = run(Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID, "TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
                "once", "--source", "jar-mps", "--from", to.minus(Duration.ofDays(3)).toString(), "--to",
                to.toString(), "--dry-run");

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(UsageEventSchema.violations(line)).isEmpty());
        assertThat(IT.records(TOPIC))
                .hasSize(recordsBefore);
    }

    @Test
    void should_validate_the_configuration_and_list_its_sources() throws Exception {
        Result result = run(Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID, "TENCENTCLOUD_SECRET_KEY", SECRET_KEY),
                "validate");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("source jar-mps: tencent-mps-usage, topic " + TOPIC)
                .contains("configuration valid: 1 source(s)").doesNotContain(SECRET_KEY);
    }

    @Test
    void should_accept_the_shipped_configuration_as_is_with_properties_overridden_from_the_environment()
            throws Exception {
        Map<String, String> environment = Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID,
                "TENCENTCLOUD_SECRET_KEY", SECRET_KEY, "CLOUD_SDK_AK", "SHIPPEDCONFIGAK00000",
                "CLOUD_SDK_SK", "shipped-config-huawei-sk", "USAGE_TENCENT_MPS_USAGE_ENDPOINT", "http://127.0.0.1:9");

        Result result = IT.jar().run(Path.of("").toAbsolutePath(), LOG, environment, "validate", "--config",
                "config/application.properties");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("source mps-main: tencent-mps-usage, topic usage.tencent.mps, "
                        + "endpoint http://127.0.0.1:9")
                .contains("endpoint https://live.cn-north-4.myhuaweicloud.com")
                .contains("tencent-trtc-usage").contains("tencent-vod-play-stats").contains("tencent-ssai-usage")
                .containsPattern("configuration valid: [0-9]+ source\\(s\\)");
    }

    @Test
    void should_refuse_to_start_when_a_credential_variable_is_missing() throws Exception {
        Result result = run(Map.of("TENCENTCLOUD_SECRET_ID", SECRET_ID), "once", "--source", "jar-mps",
                "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("source 'jar-mps': secretKeyVariable names the variable "
                + "TENCENTCLOUD_SECRET_KEY, which is not set");
    }

    private static Result run(Map<String, String> environment, String... arguments) throws Exception {
        List<String> withConfig = new ArrayList<>(List.of(arguments));
        withConfig.addAll(List.of("--config", "application.properties"));
        return IT.jar().run(LOG, environment, withConfig.toArray(String[]::new));
    }
}
