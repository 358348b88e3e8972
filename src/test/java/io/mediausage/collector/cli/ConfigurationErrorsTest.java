package io.mediausage.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.source.CredentialsResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration mistake of issue 10, and those found alongside, through {@code validate} (the check start-up
 * runs too): each exits 3 with one line naming the file, the source and the key, no stack trace, and no secret.
 * Camel starts for real on the shipped configuration, with route files written per case.
 */
class ConfigurationErrorsTest {

    static final String TENCENT_SECRET_KEY = "errors-test-tencent-secret";
    static final String HUAWEI_SK = "errors-test-huawei-secret-key";
    static final String TOKEN_SECRET = "errors-test-temporary-token";
    /** A secret key typed where the name of its variable belongs. */
    static final String TYPED_SECRET = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
    static final String ENDPOINT_SECRET = "errors-test-endpoint-password";

    private static final String MPS = source("tencent-mps-usage", "good-mps", "accountId", "\"100012345678\"");
    private static final String LIVE = source("huawei-live-transcode-usage", "good-live", "projectId", "abc123",
            "region", "cn-north-4");

    @TempDir
    Path dir;

    /** A case: what is changed in the shipped configuration, the route files, and the environment. */
    record Setup(UnaryOperator<String> properties, Map<String, String> routeFiles, Map<String, String> environment) {

        static Setup routes(String... fileAndText) {
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < fileAndText.length; i += 2) {
                files.put(fileAndText[i], fileAndText[i + 1]);
            }
            return new Setup(UnaryOperator.identity(), files, Map.of());
        }

        static Setup properties(UnaryOperator<String> change) {
            return new Setup(change, Map.of("a.yaml", MPS), Map.of());
        }

        Setup environment(String... nameAndValue) {
            Map<String, String> environment = new HashMap<>(this.environment);
            for (int i = 0; i < nameAndValue.length; i += 2) {
                environment.put(nameAndValue[i], nameAndValue[i + 1]);
            }
            return new Setup(properties, routeFiles, environment);
        }

        Setup without(String variable) {
            Map<String, String> environment = new HashMap<>(this.environment);
            environment.put(variable, "");
            return new Setup(properties, routeFiles, environment);
        }
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("a sourceName twice in one file",
                        Setup.routes("a.yaml", MPS + MPS),
                        "{routes}/a.yaml: source 'good-mps': sourceName is declared twice: in {routes}/a.yaml "
                                + "(templatedRoute #1) and in {routes}/a.yaml (templatedRoute #2)"),
                Arguments.of("a sourceName in two files",
                        Setup.routes("a.yaml", MPS, "b.yaml", LIVE + MPS),
                        "{routes}/b.yaml: source 'good-mps': sourceName is declared twice: in {routes}/a.yaml"),
                Arguments.of("an unknown usage key",
                        Setup.properties(p -> p.replace("usage.retry.max-attempts = 6", "usage.retry.max-attempts = 6\n"
                                + "usage.retry.max-attemps = 3")),
                        "{config}: usage.retry.max-attemps is not a setting of the collector; did you mean "
                                + "'usage.retry.max-attempts'?"),
                Arguments.of("an unknown per-API usage key",
                        Setup.properties(p -> p + "\nusage.tencent-mps-usage.rate-limt = 2\n"),
                        "{config}: usage.tencent-mps-usage.rate-limt is not a setting of the collector; did you mean "
                                + "'usage.tencent-mps-usage.rate-limit'?"),
                Arguments.of("an unknown source parameter",
                        Setup.routes("a.yaml", MPS.replace("value: good-mps", "value: good-mps\n"
                                + "      - name: rateLimt\n        value: \"3\"")),
                        "{routes}/a.yaml: source 'good-mps': rateLimt is not a parameter of tencent-mps-usage; did you "
                                + "mean 'rateLimit'?"),
                Arguments.of("an unknown Huawei region",
                        Setup.routes("a.yaml", LIVE.replace("cn-north-4", "cn-nort-4")),
                        "{routes}/a.yaml: source 'good-live': region 'cn-nort-4' is not a region of Huawei Cloud Live; "
                                + "did you mean 'cn-north-4'?"),
                Arguments.of("an invalid scheduleTimeZone",
                        Setup.routes("a.yaml", MPS + "      - name: scheduleTimeZone\n        value: Asia/Shangai\n"),
                        "{routes}/a.yaml: source 'good-mps': scheduleTimeZone 'Asia/Shangai' is not a time zone; "
                                + "did you mean 'Asia/Shanghai'?"),
                Arguments.of("an invalid usage.schedule-time-zone",
                        Setup.properties(p -> p.replace("usage.schedule-time-zone = UTC", "usage.schedule-time-zone = CEST")),
                        "{config}: usage.schedule-time-zone 'CEST' is not a time zone"),
                Arguments.of("malformed YAML",
                        Setup.routes("a.yaml", MPS + "     - name: topic\n"),
                        "{routes}/a.yaml: YAML is malformed at line 8, column 6: "),
                Arguments.of("an unknown camel.main key",
                        Setup.properties(p -> p + "\ncamel.main.routesIncludePatern = file:x/*.yaml\n"),
                        "{config}: camel.main.routesIncludePatern is not an option Camel has here"),
                Arguments.of("a misspelt camel group, which Camel would pass over",
                        Setup.properties(p -> p + "\ncamel.managment.port = 9090\n"),
                        "{config}: camel.managment.port is not a Camel setting: Camel has no group camel.managment; "
                                + "did you mean 'camel.management'?"),
                Arguments.of("an unknown Kafka component option, whose value is not shown",
                        Setup.properties(p -> p + "\ncamel.component.kafka.sasl-jaas-confg = password=\""
                                + ENDPOINT_SECRET + "\"\n"),
                        "{config}: camel.component.kafka.sasl-jaas-confg is not an option Camel has here, or its "
                                + "value does not fit it (value not shown)"),
                Arguments.of("a missing *_FILE secret file",
                        Setup.routes("a.yaml", MPS).without("TENCENTCLOUD_SECRET_KEY")
                                .environment("TENCENTCLOUD_SECRET_KEY_FILE", "/run/secrets/not-there"),
                        "{routes}/a.yaml: source 'good-mps': secretKeyVariable names the variable "
                                + "TENCENTCLOUD_SECRET_KEY, which is not set, and TENCENTCLOUD_SECRET_KEY_FILE names a "
                                + "file that cannot be read: /run/secrets/not-there"),
                Arguments.of("a non-numeric usage.retry.max-attempts",
                        Setup.properties(p -> p.replace("usage.retry.max-attempts = 6", "usage.retry.max-attempts = zero")),
                        "{config}: usage.retry.max-attempts must be a whole number above 0, got 'zero'"),
                Arguments.of("a usage key left out",
                        Setup.properties(p -> p.replace("usage.retry.max-delay-ms = 30000", "")),
                        "{config}: usage.retry.max-delay-ms is missing"),
                Arguments.of("a per-API default the sources take that does not fit",
                        Setup.properties(p -> p.replace("usage.tencent-mps-usage.rate-limit = 75",
                                "usage.tencent-mps-usage.rate-limit = fast")),
                        "{config}: source 'good-mps': rateLimit (usage.tencent-mps-usage.rate-limit) must be a positive "
                                + "number, got 'fast'"),
                Arguments.of("an unknown template",
                        Setup.routes("a.yaml", MPS.replace("tencent-mps-usage", "tencent-mps-usages")),
                        "{routes}/a.yaml: source 'good-mps': routeTemplateRef 'tencent-mps-usages' is not a template; "
                                + "did you mean 'tencent-mps-usage'?"),
                Arguments.of("a required parameter left out",
                        Setup.routes("a.yaml", source("tencent-vod-play-stats", "vod", "fileIds", "f1")),
                        "{routes}/a.yaml: source 'vod': accountId is required for every tencent-vod-play-stats source"),
                Arguments.of("a source without a sourceName",
                        Setup.routes("a.yaml", MPS.replace("      - name: sourceName\n        value: good-mps\n", "")),
                        "{routes}/a.yaml: source '#1': sourceName is required"),
                Arguments.of("a parameter given twice",
                        Setup.routes("a.yaml", MPS + "      - name: accountId\n        value: \"100012345679\"\n"),
                        "{routes}/a.yaml: source 'good-mps': accountId is given twice"),
                Arguments.of("a misspelt templatedRoute key",
                        Setup.routes("a.yaml", MPS.replace("    parameters:", "    parameter:")),
                        "{routes}/a.yaml: source '#1': parameter is not a key of a templatedRoute; did you mean "
                                + "'parameters'?"),
                Arguments.of("securityTokenVariable naming an unset variable",
                        Setup.routes("a.yaml", MPS + "      - name: securityTokenVariable\n        value: MPS_TOKEN\n"),
                        "{routes}/a.yaml: source 'good-mps': securityTokenVariable names the variable MPS_TOKEN, "
                                + "which is not set"),
                Arguments.of("an endpoint with user:password@",
                        Setup.routes("a.yaml", MPS + "      - name: endpoint\n        value: https://ops:"
                                + ENDPOINT_SECRET + "@mps.tencentcloudapi.com\n"),
                        "{routes}/a.yaml: source 'good-mps': endpoint must not hold user info (user:password@); the "
                                + "value is not shown"),
                Arguments.of("a secret typed where a variable name belongs",
                        Setup.routes("a.yaml", MPS + "      - name: secretKeyVariable\n        value: " + TYPED_SECRET
                                + "\n"),
                        "{routes}/a.yaml: source 'good-mps': secretKeyVariable must name an environment variable"),
                Arguments.of("a bad cron",
                        Setup.routes("a.yaml", MPS + "      - name: schedule\n        value: every hour\n"),
                        "{routes}/a.yaml: source 'good-mps': schedule is not a Quartz cron expression"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void should_exit_3_with_one_line_naming_file_source_and_key_and_no_secret(String mistake, Setup setup,
            String expected) throws Exception {
        Result result = validate(setup);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(UsageCollectorCli.CONFIG_ERROR);
        assertThat(result.err()).contains("configuration error: " + expected
                .replace("{routes}", dir.resolve("routes").toString())
                .replace("{config}", dir.resolve("application.properties").toString()));
        assertThat(result.err()).as("no stack trace unless asked").doesNotContain("\tat ");
        assertNoSecret(result);
    }

    @Test
    void should_print_the_stack_trace_when_asked() throws Exception {
        Result result = validate(Setup.routes("a.yaml", MPS.replace("tencent-mps-usage", "tencent-mps-usages")),
                "--stacktrace");

        assertThat(result.exitCode()).isEqualTo(UsageCollectorCli.CONFIG_ERROR);
        assertThat(result.err()).contains("routeTemplateRef 'tencent-mps-usages'").contains("\tat ");
    }

    @Test
    void should_report_every_source_at_fault_at_once() throws Exception {
        Result result = validate(Setup.routes("a.yaml", MPS + "      - name: processRegions\n        value: ap-nowhere\n"
                + LIVE.replace("cn-north-4", "mars-1")));

        assertThat(result.exitCode()).isEqualTo(UsageCollectorCli.CONFIG_ERROR);
        assertThat(result.err()).contains("source 'good-mps': processRegions").contains("source 'good-live': region");
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("the shipped sources", Setup.routes()),
                Arguments.of("temporary credentials: a security token for a Tencent and a Huawei source",
                        Setup.routes("a.yaml", MPS + "      - name: securityTokenVariable\n        value: MPS_TOKEN\n",
                                "b.yaml", LIVE + "      - name: securityTokenVariable\n        value: LIVE_TOKEN\n")
                                .environment("MPS_TOKEN", TOKEN_SECRET, "LIVE_TOKEN", TOKEN_SECRET)),
                Arguments.of("a secret in a *_FILE file",
                        Setup.routes("a.yaml", MPS).without("TENCENTCLOUD_SECRET_KEY")
                                .environment("TENCENTCLOUD_SECRET_KEY_FILE", "{dir}/tencent-secret-key")),
                Arguments.of("a scheduleTimeZone given as an offset",
                        Setup.routes("a.yaml", MPS + "      - name: scheduleTimeZone\n        value: GMT+08:00\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void should_accept(String configuration, Setup setup) throws Exception {
        Files.writeString(dir.resolve("tencent-secret-key"), TENCENT_SECRET_KEY + "\n");

        Result result = validate(setup);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("configuration valid: [1-9][0-9]* source\\(s\\)");
        assertNoSecret(result);
    }

    private Result validate(Setup setup, String... options) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        String shipped = Files.readString(Path.of("config/application.properties"));
        String pattern = setup.routeFiles().isEmpty() ? "file:" + Path.of("routes").toAbsolutePath() + "/*.yaml"
                : "file:" + routes + "/*.yaml";
        Files.writeString(dir.resolve("application.properties"), setup.properties().apply(shipped
                .replace("camel.main.routes-include-pattern = file:routes/*.yaml",
                        "camel.main.routes-include-pattern = " + pattern)));
        for (Map.Entry<String, String> file : setup.routeFiles().entrySet()) {
            Files.writeString(routes.resolve(file.getKey()), file.getValue());
        }
        Map<String, String> environment = new HashMap<>(Map.of("TENCENTCLOUD_SECRET_ID", "AKIDerrorstest0000000000",
                "TENCENTCLOUD_SECRET_KEY", TENCENT_SECRET_KEY, "CLOUD_SDK_AK", "ERRORSTESTAK00000000",
                "CLOUD_SDK_SK", HUAWEI_SK));
        setup.environment().forEach((name, value) -> environment.put(name, value.replace("{dir}", dir.toString())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UsageCollectorCli cli = new UsageCollectorCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CredentialsResolver.environment(environment));
        List<String> arguments = new java.util.ArrayList<>(List.of("validate", "--config",
                dir.resolve("application.properties").toString()));
        arguments.addAll(List.of(options));
        int exitCode = cli.execute(arguments.toArray(String[]::new));
        Result result = new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        // on the test's output too, where the build's secret scan reads
        System.out.println(result.out());
        System.out.println(result.err());
        return result;
    }

    private static void assertNoSecret(Result result) {
        assertThat(result.out() + result.err()).doesNotContain(TENCENT_SECRET_KEY, HUAWEI_SK, TOKEN_SECRET,
                TYPED_SECRET, ENDPOINT_SECRET);
    }

    /** A templatedRoute of {@code template} named {@code name} with further parameters (name, value, ...). */
    private static String source(String template, String name, String... parameters) {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: " + template + "\n"
                + "    parameters:\n      - name: sourceName\n        value: " + name + "\n");
        for (int i = 0; i < parameters.length; i += 2) {
            yaml.append("      - name: ").append(parameters[i]).append("\n        value: ").append(parameters[i + 1])
                    .append('\n');
        }
        return yaml.toString();
    }

    record Result(int exitCode, String out, String err) {
    }
}
