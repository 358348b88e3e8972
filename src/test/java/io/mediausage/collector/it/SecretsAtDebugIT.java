package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    static CloudApiSimulator simulator;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        simulator = CloudApiSimulator.start(SimulatorConfig.builder().tencentCredential(TENCENT_ID, TENCENT_SECRET_KEY)
                .huaweiCredential(HUAWEI_AK, HUAWEI_SK).huaweiDomains(PROJECT, "push.example.com").build());
        Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(workDir.resolve("routes/sources.yaml"), """
                - templatedRoute:
                    routeTemplateRef: tencent-mps-usage
                    parameters:
                      - name: sourceName
                        value: debug-mps
                      - name: endpoint
                        value: "%1$s"
                      - name: accountId
                        value: "100012345678"
                      - name: securityTokenVariable
                        value: TENCENT_TOKEN
                - templatedRoute:
                    routeTemplateRef: huawei-live-transcode-usage
                    parameters:
                      - name: sourceName
                        value: debug-live
                      - name: endpoint
                        value: "%1$s"
                      - name: projectId
                        value: %2$s
                      - name: region
                        value: cn-north-4
                      - name: securityTokenVariable
                        value: HUAWEI_TOKEN
                """.formatted(simulator.baseUrl(), PROJECT));
        Files.copy(Path.of("config/application.properties"), workDir.resolve("application.properties"));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

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
        assertThat(simulator.calls()).extracting(call -> call.api().name()).contains("MPS_USAGE", "HUAWEI_TRANSCODE");
        assertThat(result.stdout() + result.stderr()).doesNotContain(TENCENT_SECRET_KEY, TENCENT_TOKEN_SECRET,
                HUAWEI_SK, HUAWEI_TOKEN_SECRET);
    }

    private static Result run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("usage.collector.jar", "target/usage-collector.jar")).toAbsolutePath()
                        .toString()));
        command.addAll(List.of(arguments));
        Path stderr = Files.createTempFile(workDir, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TENCENTCLOUD_") || k.startsWith("CLOUD_SDK_")
                || k.startsWith("USAGE_") || k.startsWith("KAFKA_"));
        builder.environment().putAll(Map.of("TENCENTCLOUD_SECRET_ID", TENCENT_ID,
                "TENCENTCLOUD_SECRET_KEY", TENCENT_SECRET_KEY, "TENCENT_TOKEN", TENCENT_TOKEN_SECRET,
                "CLOUD_SDK_AK", HUAWEI_AK, "CLOUD_SDK_SK", HUAWEI_SK, "HUAWEI_TOKEN", HUAWEI_TOKEN_SECRET,
                "USAGE_LOG_LEVEL", "DEBUG", "USAGE_LOG_FORMAT", "text",
                // no broker listens here: a dry run must not need one
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9"));
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Result result = new Result(process.exitValue(), stdout, Files.readString(stderr));
        // kept for the build's scan of all test output for secrets
        Path log = Path.of("target", "it-logs", "secrets-at-debug-it.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, result.stdout() + result.stderr());
        return result;
    }

    record Result(int exitCode, String stdout, String stderr) {
    }
}
