package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.CollectorJar.Result;
import io.mediausage.collector.testing.TemplatedRoutes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged collector with DEBUG logging (USAGE_LOG_LEVEL=DEBUG) making real signed calls, with temporary
 * credentials, to the simulator for a Tencent and a Huawei source: no secret key and no token may appear in what
 * it prints. Its whole output is kept in target/it-logs, where the build's secret scan reads it too. A dry run,
 * which needs no broker: none is running.
 */
class SecretsAtDebugIT {

    static final String TENCENT_ID = "AKIDdebugIT00000000000000000000000";
    static final String TENCENT_SECRET_KEY = "debug-it-tencent-secret-value";
    static final String TENCENT_TOKEN_SECRET = "debug-it-tencent-token-secret-value";
    static final String HUAWEI_AK = "DEBUGITHUAWEIAK00000";
    static final String HUAWEI_SK = "debug-it-huawei-secret-value";
    static final String HUAWEI_TOKEN_SECRET = "debug-it-huawei-token-secret-value";
    static final String PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.packagedJar(simulator -> TemplatedRoutes.source(
                    "tencent-mps-usage", "sourceName", "debug-mps", "endpoint", simulator.baseUrl().toString(),
                    "accountId", "100012345678", "securityTokenVariable", "TENCENT_TOKEN")
                    + TemplatedRoutes.source("huawei-live-transcode-usage", "sourceName", "debug-live",
                    "endpoint", simulator.baseUrl().toString(), "projectId", PROJECT, "region", "cn-north-4",
                    "securityTokenVariable", "HUAWEI_TOKEN"))
            .withoutBroker()
            .tencentAccount(TENCENT_ID, TENCENT_SECRET_KEY)
            .huaweiAccount(HUAWEI_AK, HUAWEI_SK)
            .simulator(config -> config.huaweiDomains(PROJECT, "push.example.com"));

    @Test
    void should_sign_with_tokens_and_print_no_secret_at_debug_level() throws Exception {
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);

        long started = System.nanoTime();
        Result result = run("backfill", "--all", "--dry-run", "--from", to.minus(Duration.ofDays(2)).toString(),
                "--to", to.toString(), "--config", "application.properties");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        // a dry run used to wait on the absent broker for the metrics' checkpoints, a minute and more per window
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(result.stderr()).as("logging at DEBUG").contains(" DEBUG ")
                .contains("source debug-mps: ").contains("source debug-live: ").doesNotContain(" failed: ");
        assertThat(result.stdout()).contains("\"x_SourceName\":\"debug-mps\"").contains("\"x_SourceName\":\"debug-live\"");
        // the simulator checks every header a Huawei signature names: X-Security-Token was sent and signed
        assertThat(IT.simulator().calls()).extracting(call -> call.api().name()).contains("MPS_USAGE", "HUAWEI_TRANSCODE");
        assertThat(result.stdout() + result.stderr()).doesNotContain(TENCENT_SECRET_KEY, TENCENT_TOKEN_SECRET,
                HUAWEI_SK, HUAWEI_TOKEN_SECRET);
    }

    private static Result run(String... arguments) throws Exception {
        return IT.jar().run("secrets-at-debug-it.log", Map.of("TENCENTCLOUD_SECRET_ID", TENCENT_ID,
                "TENCENTCLOUD_SECRET_KEY", TENCENT_SECRET_KEY, "TENCENT_TOKEN", TENCENT_TOKEN_SECRET,
                "CLOUD_SDK_AK", HUAWEI_AK, "CLOUD_SDK_SK", HUAWEI_SK, "HUAWEI_TOKEN", HUAWEI_TOKEN_SECRET,
                "USAGE_LOG_LEVEL", "DEBUG", "USAGE_LOG_FORMAT", "text",
                // no broker listens here: a dry run must not need one
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9"), arguments);
    }
}
