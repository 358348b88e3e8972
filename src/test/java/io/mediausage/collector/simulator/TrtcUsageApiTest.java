package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.ID2;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrtcUsageApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.unthrottled(Api.TRTC_USAGE);

    SimClient.Tc trtc(String body) {
        return SIM.client().tencent(Api.TRTC_USAGE, ID, KEY).region("ap-guangzhou").body(body);
    }

    @Test
    void oneDayReturns288FiveMinuteBucketsSummedOverTheAccountsApps() {
        JsonNode r = trtc("{\"StartTime\":\"2024-03-09\",\"EndTime\":\"2024-03-09\"}").response();
        assertThat(r.get("Error")).isNull();
        List<String> keys = new ArrayList<>();
        r.get("UsageKey").forEach(k -> keys.add(k.asText()));
        assertThat(keys).containsExactly("Audio", "SD", "HD", "FullHD", "2K", "4K");
        JsonNode list = r.get("UsageList");
        assertThat(list).hasSize(288);
        assertThat(list.get(0).get("TimeKey").asText()).isEqualTo("2024-03-09 00:00:00");
        assertThat(list.get(1).get("TimeKey").asText()).isEqualTo("2024-03-09 00:05:00");
        assertThat(list.get(287).get("TimeKey").asText()).isEqualTo("2024-03-09 23:55:00");
        LocalDateTime t = LocalDate.of(2024, 3, 9).atStartOfDay();
        long nonZero = 0;
        for (int i = 0; i < 288; i++, t = t.plusMinutes(5)) {
            JsonNode vals = list.get(i).get("UsageValue");
            assertThat(vals).hasSize(6);
            for (int k = 0; k < 6; k++) {
                long expected = 0;
                for (Long app : SIM.data().trtcSdkAppIds(ID)) expected += SIM.data().trtcMinutes(ID, app, keys.get(k), t);
                assertThat(vals.get(k).asLong()).isEqualTo(expected);
                if (expected > 0) nonZero++;
            }
        }
        assertThat(nonZero).isPositive();
    }

    @Test
    void longerRangesReturnDailyFiguresBothEndsIncluded() {
        long app = SIM.data().trtcSdkAppIds(ID).get(0);
        JsonNode r = trtc("{\"StartTime\":\"2024-03-01\",\"EndTime\":\"2024-03-02\",\"SdkAppId\":" + app + "}").response();
        JsonNode list = r.get("UsageList");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("TimeKey").asText()).isEqualTo("2024-03-01 00:00:00");
        assertThat(list.get(1).get("TimeKey").asText()).isEqualTo("2024-03-02 00:00:00");
        for (int d = 0; d < 2; d++) {
            for (int k = 0; k < 6; k++) {
                long sum = 0;
                LocalDateTime t = LocalDate.of(2024, 3, 1 + d).atStartOfDay();
                for (int i = 0; i < 288; i++, t = t.plusMinutes(5)) {
                    sum += SIM.data().trtcMinutes(ID, app, UsageDataModel.TRTC_USAGE_KEYS.get(k), t);
                }
                assertThat(list.get(d).get("UsageValue").get(k).asLong()).isEqualTo(sum);
            }
        }
        // the doc example sends StartTime after EndTime and still gets both days
        JsonNode reversed = trtc("{\"StartTime\":\"2024-03-02\",\"EndTime\":\"2024-03-01\",\"SdkAppId\":" + app + "}").response();
        assertThat(reversed.get("UsageList")).isEqualTo(list);
    }

    @Test
    void todayAfterNowIsZero() {
        JsonNode list = trtc("{\"StartTime\":\"2024-03-10\",\"EndTime\":\"2024-03-10\"}").response().get("UsageList");
        // now = 12:00 UTC+8: bucket 144 starts at 12:00
        for (int i = 144; i < 288; i++) {
            list.get(i).get("UsageValue").forEach(v -> assertThat(v.asLong()).isZero());
        }
    }

    @Test
    void documentedErrors() {
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-31\"}").errorCode()).as("31 days").isNull();
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-02-01\"}").errorCode())
                .isEqualTo("InvalidParameter.QueryScaleOversize");
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\",\"SdkAppId\":1400000001}").errorCode())
                .isEqualTo("InvalidParameter.SdkAppId");
        long otherAccountsApp = SIM.data().trtcSdkAppIds(ID2).get(0);
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\",\"SdkAppId\":" + otherAccountsApp + "}").errorCode())
                .isEqualTo("InvalidParameter.SdkAppId");
        assertThat(trtc("{\"StartTime\":\"2024-01-01T00:00:00+08:00\",\"EndTime\":\"2024-01-02\"}").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\"}").region(null).errorCode()).isEqualTo("MissingParameter");
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\"}").region("ap-shanghai").errorCode())
                .isEqualTo("UnsupportedRegion");
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\"}").region("ap-singapore").errorCode()).isNull();
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\"}").service("mps").errorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\"}").version("2019-06-12").errorCode())
                .isEqualTo("NoSuchVersion");
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\"}").key("bad").errorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(trtc("{\"StartTime\":\"2024-01-01\",\"EndTime\":\"2024-01-02\"}").timestamp(SimFixture.NOW.getEpochSecond() - 600).errorCode())
                .isEqualTo("AuthFailure.SignatureExpire");
    }

    @Test
    void documentedRateOfFivePerSecond() {
        try (CloudApiSimulator plain = CloudApiSimulator.start(SimFixture.config().build())) {
            SimClient c = new SimClient(plain);
            // sent together, so they arrive within one second however busy the machine is
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(SimClient.sendAsync(c.tencent(Api.TRTC_USAGE, ID, KEY).region("ap-guangzhou")
                        .body("{\"StartTime\":\"2024-03-01\",\"EndTime\":\"2024-03-01\"}").build()));
            }
            List<String> bodies = sent.stream().map(CompletableFuture::join).map(HttpResponse::body).toList();
            assertThat(bodies).filteredOn(b -> !b.contains("\"Error\"")).hasSize(5);
            assertThat(bodies).filteredOn(b -> b.contains("RequestLimitExceeded")).hasSize(1);
            assertThat(plain.calls()).filteredOn(call -> call.outcome().equals("RequestLimitExceeded")).hasSize(1);
        }
    }
}
