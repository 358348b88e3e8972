package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.AK;
import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.ID2;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static io.mediausage.collector.simulator.SimFixture.KEY2;
import static io.mediausage.collector.simulator.SimFixture.PROJECT;
import static io.mediausage.collector.simulator.SimFixture.SK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsAndRateLimitTest {

    static final String MPS_BODY = "{\"StartTime\":\"2024-03-01T00:00:00+08:00\",\"EndTime\":\"2024-03-02T00:00:00+08:00\"}";
    static final String HW_QUERY = "start_time=2024-03-09T07%3A00%3A00Z&end_time=2024-03-09T08%3A00%3A00Z";

    CloudApiSimulator sim;
    SimClient client;

    @BeforeEach
    void start() {
        sim = CloudApiSimulator.start(SimFixture.config()
                .rateLimit(Api.MPS_USAGE, 3)
                .rateLimit(Api.HUAWEI_TRANSCODE, 2)
                .build());
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    SimClient.Tc mps() {
        return client.tencent(Api.MPS_USAGE, ID, KEY).body(MPS_BODY);
    }

    HttpResponse<String> hw() {
        return client.huawei(AK, SK, PROJECT, HW_QUERY).send();
    }

    @Test
    void httpErrorFaultsForTheNextCalls() {
        sim.faults().nextCalls(FaultKind.HTTP_503, 2).nextCalls(FaultKind.HTTP_502, 1).nextCalls(FaultKind.HTTP_500, 1);
        assertThat(mps().send().statusCode()).isEqualTo(503);
        HttpResponse<String> hw = hw();
        assertThat(hw.statusCode()).isEqualTo(503);
        assertThat(hw.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(mps().send().statusCode()).isEqualTo(502);
        assertThat(mps().send().statusCode()).isEqualTo(500);
        assertThat(mps().errorCode()).isNull();
        assertThat(sim.faults().firedCount(FaultKind.HTTP_503)).isEqualTo(2);
        assertThat(sim.calls()).extracting(RecordedCall::outcome)
                .containsExactly("HTTP_503", "HTTP_503", "HTTP_502", "HTTP_500", "ok");
        assertThat(sim.calls().get(1).api()).isEqualTo(Api.HUAWEI_TRANSCODE);
    }

    @Test
    void droppedConnection() {
        sim.faults().nextCalls(FaultKind.DROP_CONNECTION, 1);
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> fresh.send(mps().build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(sim.calls()).singleElement().satisfies(c -> {
            assertThat(c.fault()).isEqualTo(FaultKind.DROP_CONNECTION);
            assertThat(c.httpStatus()).isZero();
        });
        assertThat(mps().errorCode()).isNull();
    }

    @Test
    void slowReply() {
        sim.faults().slowReplyDelay(Duration.ofMillis(600)).nextCalls(FaultKind.SLOW_REPLY, 1, Api.HUAWEI_TRANSCODE);
        long t0 = System.nanoTime();
        assertThat(mps().errorCode()).as("MPS not affected").isNull();
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofMillis(600).toNanos());
        t0 = System.nanoTime();
        HttpResponse<String> r = hw();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(600).toNanos());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SimClient.parse(r.body()).get("transcode_data_list")).hasSize(2);
    }

    @Test
    void truncatedBody() {
        sim.faults().nextCalls(FaultKind.TRUNCATED_BODY, 1);
        HttpResponse<String> r = mps().send();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> SimClient.JSON.readTree(r.body())).isInstanceOf(IOException.class);
        String full = mps().send().body();
        assertThat(r.body().length()).isEqualTo(full.length() / 2);
        sim.faults().nextCalls(FaultKind.TRUNCATED_BODY, 1);
        HttpResponse<String> h = hw();
        assertThat(h.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> SimClient.JSON.readTree(h.body())).isInstanceOf(IOException.class);
    }

    @Test
    void throttleAndInternalErrorFaults() {
        sim.faults().nextCalls(FaultKind.THROTTLE, 2).nextCalls(FaultKind.TENCENT_INTERNAL_ERROR, 1)
                .nextCalls(FaultKind.SSAI_PARTIAL_FAILURE, 1);
        assertThat(mps().errorCode()).isEqualTo("RequestLimitExceeded");
        HttpResponse<String> h = hw();
        assertThat(h.statusCode()).isEqualTo(429);
        assertThat(SimClient.parse(h.body()).get("error_code").asText()).isEqualTo("APIGW.0308");
        // InternalError is Tencent-only: the Huawei call passes and the rule waits for a Tencent call
        assertThat(hw().statusCode()).isEqualTo(200);
        JsonNode r = mps().response();
        assertThat(r.get("Error").get("Code").asText()).isEqualTo("InternalError");
        assertThat(r.get("RequestId").asText()).isNotBlank();
        // the SSAI-only rule does not touch MPS
        assertThat(mps().errorCode()).isNull();
        assertThat(sim.faults().firedCount(FaultKind.SSAI_PARTIAL_FAILURE)).isZero();
    }

    @Test
    void probabilisticFaultsUntilCleared() {
        sim.faults().probability(FaultKind.HTTP_503, 1.0, Api.HUAWEI_TRANSCODE);
        for (int i = 0; i < 3; i++) assertThat(client.huawei(AK, SK, PROJECT, HW_QUERY).send().statusCode()).isEqualTo(503);
        sim.faults().clear();
        assertThat(hw().statusCode()).isEqualTo(200);
        try (CloudApiSimulator plain = CloudApiSimulator.start(SimFixture.config().build())) {
            plain.faults().probability(FaultKind.HTTP_500, 0.5);
            SimClient c = new SimClient(plain);
            int failed = 0;
            for (int i = 0; i < 40; i++) {
                if (c.tencent(Api.MPS_USAGE, ID, KEY).body(MPS_BODY).send().statusCode() == 500) failed++;
            }
            assertThat(failed).isBetween(5, 35);
        }
    }

    @Test
    void rateLimitPerCredentialAndApi() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) codes.add(mps().errorCode());
        assertThat(codes.subList(0, 3)).containsOnlyNulls();
        assertThat(codes.get(3)).isEqualTo("RequestLimitExceeded");
        assertThat(client.tencent(Api.MPS_USAGE, ID2, KEY2).body(MPS_BODY).errorCode()).as("other credential").isNull();
        assertThat(hw().statusCode()).isEqualTo(200);
        assertThat(hw().statusCode()).isEqualTo(200);
        HttpResponse<String> third = hw();
        assertThat(third.statusCode()).isEqualTo(429);
        JsonNode b = SimClient.parse(third.body());
        assertThat(b.get("error_code").asText()).isEqualTo("APIGW.0308");
        assertThat(b.get("request_id").asText()).isEqualTo(third.headers().firstValue("X-Request-Id").orElseThrow());
        sleepQuietly(1100); // the scenario itself: the rate limit's one-second window passes
        assertThat(mps().errorCode()).isNull();
        assertThat(hw().statusCode()).isEqualTo(200);
    }

    @Test
    void documentedRateTripsWhenExceeded() {
        try (CloudApiSimulator plain = CloudApiSimulator.start(SimFixture.config().build())) {
            SimClient c = new SimClient(plain);
            List<CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
            for (int i = 0; i < 130; i++) {
                fs.add(SimClient.sendAsync(c.tencent(Api.MPS_USAGE, ID, KEY).body(MPS_BODY).build()));
            }
            long limited = fs.stream().map(CompletableFuture::join)
                    .filter(r -> r.body().contains("RequestLimitExceeded")).count();
            assertThat(limited).as("100 requests/s documented").isPositive().isLessThanOrEqualTo(30);
        }
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
