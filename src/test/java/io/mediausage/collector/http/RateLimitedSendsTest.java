package io.mediausage.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mediausage.collector.ratelimit.ApiRateLimiters;
import io.mediausage.collector.ratelimit.RequestSpacing;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call path's HTTP client, as camel-http builds it with the collector's configurer, given calls that stall. */
class RateLimitedSendsTest {

    private static final Map<String, String> PROPERTIES = Map.of(
            "{{usage.http.call-deadline}}", "PT10S", "{{usage.http.max-answer-bytes}}", "65536");

    private final ApiRateLimiters limiters = new ApiRateLimiters();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private CloseableHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            arrivals.add(System.nanoTime());
            byte[] body = "{\"Response\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        HttpClientBuilder builder = HttpClientBuilder.create();
        new AnswerLimitsConfigurer(PROPERTIES::get, limiters).configureHttpClient(builder);
        client = builder.build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.stop(0);
    }

    @Test
    void should_space_the_requests_of_calls_held_up_after_their_permits() throws Exception {
        // six calls at 4/s take their permits 250 ms apart, then all wait until 1.6 s after the first permit (as
        // behind a fresh JVM's first call): their requests still reach the server 250 ms apart, not together
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        CountDownLatch stallOver = new CountDownLatch(1);
        ExecutorService calls = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(calls.submit(() -> {
                    limiters.acquire("AKID1", "DescribeTrtcUsage", 4);
                    stallOver.await();
                    return client.execute(new HttpGet(url), response -> EntityUtils.toString(response.getEntity()));
                }));
            }
            Thread.sleep(1600);
            long stallEnd = System.nanoTime();
            stallOver.countDown();
            for (Future<?> call : done) {
                call.get(10, TimeUnit.SECONDS);
            }
            assertThat(arrivals).hasSize(6);
            RequestSpacing.assertSpacedAfter(stallEnd, arrivals, 250);
        } finally {
            calls.shutdownNow();
        }
    }
}
