package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediausage.collector.app.CollectorApplication;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management endpoints of the scheduled collector, on the shipped configuration: they listen on the address
 * {@code camel.management.host} names, say no more than the status, and refuse requests for details, which would
 * list every source to anyone who reaches the port.
 */
class ManagementEndpointsIT {

    static final String SOURCE = "management-it-mps";
    /** Loopback, but not 127.0.0.1: reachable here only if the host setting is applied. */
    static final String HOST = "127.0.0.2";

    static CollectorApplication collector;
    static int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path routes;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(routes.resolve("sources.yaml"), """
                - templatedRoute:
                    routeTemplateRef: tencent-mps-usage
                    parameters:
                      - name: sourceName
                        value: %s
                      - name: accountId
                        value: "100012345678"
                      - name: schedule
                        value: "0 0 0 1 1 ? 2099"
                """.formatted(SOURCE));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> environment = Map.of("TENCENTCLOUD_SECRET_ID", "AKIDmanagementIT000000000000",
                "TENCENTCLOUD_SECRET_KEY", "management-it-not-used");
        collector = CollectorApplication.start(new CollectorApplication.Settings(Path.of("config/application.properties"),
                Map.of("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                        // nothing is collected: no broker is needed
                        "camel.component.kafka.brokers", "127.0.0.1:9",
                        "camel.management.port", String.valueOf(port),
                        "camel.management.host", HOST),
                Clock.systemUTC(), name -> Optional.ofNullable(environment.get(name)), true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void should_answer_the_status_only() throws Exception {
        // alive, but not ready: without a broker the replica cannot join the collectors' group, so it owns nothing
        Map<String, Integer> expected = Map.of("/observe/health/live", 200, "/observe/health/ready", 503,
                "/observe/health", 503);
        for (Map.Entry<String, Integer> path : expected.entrySet()) {
            HttpResponse<String> health = get(HOST, path.getKey());

            assertThat(health.statusCode()).as(path + ": " + health.body()).isEqualTo(path.getValue());
            assertThat(health.body()).as(path.getKey()).contains("\"status\"")
                    .contains(path.getValue() == 200 ? "UP" : "DOWN").doesNotContain(SOURCE).doesNotContain("checks");
        }
    }

    @Test
    void should_refuse_requests_for_details() throws Exception {
        for (String path : new String[] {"/observe/health?exposureLevel=full", "/observe/health/ready?exposureLevel=default",
                "/observe/health?stackTrace=true", "/observe/health/live?data=true"}) {
            HttpResponse<String> health = get(HOST, path);

            assertThat(health.statusCode()).as(path + ": " + health.body()).isEqualTo(403);
            assertThat(health.body()).as(path).doesNotContain(SOURCE);
        }
    }

    @Test
    void should_listen_on_the_configured_address_only() {
        assertThatThrownBy(() -> get("127.0.0.1", "/observe/health")).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(String host, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
