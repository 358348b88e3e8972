package io.mediausage.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole-answer deadline and size cap, over real sockets against a server that trickles or floods. */
class AnswerLimitsTest {

    private HttpServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private CloseableHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        // one byte every 100 ms, for 10 s: no single wait is long, the whole answer is
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // the client hung up, as it should
            }
        });
        server.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length declared
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[1024];
                for (int i = 0; i < 1024; i++) {
                    out.write(chunk);
                }
            } catch (Exception e) {
                // the client hung up, as it should
            }
        });
        server.createContext("/ok", exchange -> {
            byte[] body = "{\"Response\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = HttpClientBuilder.create()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)).build())
                .addExecInterceptorFirst("limits", new AnswerLimits(Duration.ofMillis(800), 64 * 1024, timer))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.stop(0);
        timer.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void should_fail_an_answer_that_trickles_past_the_deadline() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.execute(new HttpGet(url("/trickle")), response -> EntityUtils.toString(response.getEntity())))
                .isInstanceOf(AnswerLimits.CallDeadlineExceededException.class)
                .hasMessageContaining("usage.http.call-deadline");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void should_fail_an_answer_larger_than_the_cap() {
        assertThatThrownBy(() -> client.execute(new HttpGet(url("/large")), response -> EntityUtils.toString(response.getEntity())))
                .isInstanceOf(AnswerLimits.AnswerTooLargeException.class)
                .hasMessageContaining("usage.http.max-answer-bytes");
    }

    @Test
    void should_pass_a_whole_answer_in_time_with_its_content_type() throws Exception {
        String[] contentType = new String[1];
        String body = client.execute(new HttpGet(url("/ok")), response -> {
            contentType[0] = response.getEntity().getContentType();
            return EntityUtils.toString(response.getEntity());
        });
        assertThat(body).isEqualTo("{\"Response\":{}}");
        assertThat(contentType[0]).startsWith("application/json");
        // and the connection went back to the pool: a second call works
        String again = client.execute(new HttpGet(url("/ok")), response -> EntityUtils.toString(response.getEntity()));
        assertThat(again).isEqualTo(body);
    }
}
