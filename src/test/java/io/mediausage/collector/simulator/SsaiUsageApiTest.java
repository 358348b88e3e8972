package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.ID2;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.simulator.UsageDataModel.SsaiChannel;
import io.mediausage.collector.simulator.UsageDataModel.SsaiCounters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SsaiUsageApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.unthrottled(Api.SSAI_USAGE);

    SimClient.Tc ssai(String body) {
        return SIM.client().tencent(Api.SSAI_USAGE, ID, KEY).region("ap-shanghai").body(body);
    }

    /** Independent expectation: sum of hourly counters over [from, to) for one channel and ad type. */
    static SsaiCounters hours(String channel, String adType, Instant from, Instant to) {
        SsaiCounters sum = SsaiCounters.ZERO;
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) sum = sum.plus(SIM.data().ssaiCounters(channel, adType, h));
        return sum;
    }

    static void assertCounters(JsonNode o, SsaiCounters c) {
        assertThat(o.get("AdRequestSuccess").asLong()).isEqualTo(c.adRequestSuccess());
        assertThat(o.get("AdRequestFail").asLong()).isEqualTo(c.adRequestFail());
        assertThat(o.get("Impression").asLong()).isEqualTo(c.impression());
        assertThat(o.get("AdMarkerTime").asLong()).isEqualTo(c.adMarkerTime());
        assertThat(o.get("ReplacedTime").asLong()).isEqualTo(c.replacedTime());
        assertThat(o.get("PreReqNum").asLong()).isEqualTo(c.preReqNum());
        assertThat(o.get("PreReplacedNum").asLong()).isEqualTo(c.preReplacedNum());
        assertThat(o.get("MidFillRate").asDouble()).isEqualTo(SsaiCounters.ratio(c.replacedTime(), c.adMarkerTime()));
        assertThat(o.get("PreReplaceRate").asDouble()).isEqualTo(SsaiCounters.ratio(c.preReplacedNum(), c.preReqNum()));
    }

    @Test
    void aggregatesTheWindowEndExclusiveWithDetailsPerChannelAndAdType() {
        JsonNode r = ssai("{\"StartTime\":\"2024-03-09T00+08:00\",\"EndTime\":\"2024-03-09T10+08:00\"}").response();
        assertThat(r.get("Error")).isNull();
        assertThat(r.get("RequestId").asText()).isNotBlank();
        JsonNode info = r.get("Info");
        Instant from = Instant.parse("2024-03-08T16:00:00Z");
        Instant to = Instant.parse("2024-03-09T02:00:00Z");
        SsaiCounters total = SsaiCounters.ZERO;
        List<String> seen = new ArrayList<>();
        Map<String, String> spelled = Map.of("Pre-roll", "Preroll", "Mid-roll", "Midroll", "VOD", "VOD");
        int i = 0;
        for (SsaiChannel ch : SIM.data().ssaiChannels(ID)) {
            for (String t : UsageDataModel.SSAI_AD_TYPES) {
                if (!ch.adTypes().contains(t)) continue;
                SsaiCounters c = hours(ch.channelId(), t, from, to);
                total = total.plus(c);
                JsonNode d = info.get("UsageDetails").get(i++);
                assertThat(d.get("ChannelId").asText()).isEqualTo(ch.channelId());
                assertThat(d.get("ChannelName").asText()).isEqualTo(ch.channelName());
                assertThat(d.get("AdType").asText()).isEqualTo(spelled.get(t));
                assertThat(d.get("UniqId").asText()).hasSize(28);
                assertCounters(d, c);
                assertThat(d.get("Start").asLong()).isEqualTo(c.start());
                assertThat(d.get("FirstQuarter").asLong()).isEqualTo(c.firstQuarter());
                assertThat(d.get("Midpoint").asLong()).isEqualTo(c.midpoint());
                assertThat(d.get("ThirdQuarter").asLong()).isEqualTo(c.thirdQuarter());
                assertThat(d.get("Complete").asLong()).isEqualTo(c.complete());
                seen.add(d.get("AdType").asText());
            }
        }
        assertThat(info.get("UsageDetails")).hasSize(i);
        assertThat(seen).contains("Preroll", "Midroll", "VOD");
        assertCounters(info, total);
        assertThat(total.adRequestSuccess()).isPositive();
        assertThat(total.adMarkerTime()).isPositive();
        assertThat(info.get("MidFillRate").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void consecutiveWindowsDoNotOverlap() {
        String ch = SIM.data().ssaiChannels(ID).get(0).channelId();
        String base = ",\"ChannelIds\":[\"" + ch + "\"],\"Types\":[\"Pre-roll\"],\"Dimension\":false}";
        JsonNode whole = ssai("{\"StartTime\":\"2024-03-09T00+08:00\",\"EndTime\":\"2024-03-09T02+08:00\"" + base).response().get("Info");
        JsonNode first = ssai("{\"StartTime\":\"2024-03-09T00+08:00\",\"EndTime\":\"2024-03-09T01+08:00\"" + base).response().get("Info");
        JsonNode second = ssai("{\"StartTime\":\"2024-03-09T01+08:00\",\"EndTime\":\"2024-03-09T02+08:00\"" + base).response().get("Info");
        assertThat(first.get("AdRequestSuccess").asLong() + second.get("AdRequestSuccess").asLong())
                .isEqualTo(whole.get("AdRequestSuccess").asLong());
        assertThat(whole.get("UsageDetails")).isEmpty();
        assertCounters(whole, hours(ch, "Pre-roll", Instant.parse("2024-03-08T16:00:00Z"), Instant.parse("2024-03-08T18:00:00Z")));
        // full ISO date-times are accepted too
        JsonNode iso = ssai("{\"StartTime\":\"2024-03-08T16:00:00Z\",\"EndTime\":\"2024-03-09T02:00:00+08:00\"" + base).response().get("Info");
        assertThat(iso).isEqualTo(whole);
    }

    @Test
    void defaultWindowIsTheLast24WholeHours() {
        JsonNode info = ssai("{\"Types\":[\"VOD\"]}").response().get("Info");
        SsaiCounters expected = SsaiCounters.ZERO;
        for (SsaiChannel ch : SIM.data().ssaiChannels(ID)) {
            if (ch.adTypes().contains("VOD")) {
                expected = expected.plus(hours(ch.channelId(), "VOD", SimFixture.NOW.minus(Duration.ofHours(24)), SimFixture.NOW));
            }
        }
        assertCounters(info, expected);
    }

    @Test
    void documentedErrorsAndScopes() {
        String window = "\"StartTime\":\"2024-03-09T00+08:00\",\"EndTime\":\"2024-03-09T02+08:00\"";
        assertThat(ssai("{" + window + ",\"ChannelIds\":[\"698AAD421D3EA5656115\"]}").errorCode())
                .isEqualTo("InvalidParameter.InvalidParameterChannelId");
        String otherAccounts = SIM.data().ssaiChannels(ID2).get(0).channelId();
        assertThat(ssai("{" + window + ",\"ChannelIds\":[\"" + otherAccounts + "\"]}").errorCode())
                .isEqualTo("InvalidParameter.InvalidParameterChannelId");
        assertThat(ssai("{" + window + ",\"Types\":[\"Preroll\"]}").errorCode()).isEqualTo("InvalidParameter.Type");
        assertThat(ssai("{" + window + "}").region(null).errorCode()).isEqualTo("MissingParameter");
        assertThat(ssai("{" + window + "}").region("ap-guangzhou").errorCode()).isEqualTo("UnsupportedRegion");
        assertThat(ssai("{\"StartTime\":\"2024-03-09T02+08:00\",\"EndTime\":\"2024-03-09T00+08:00\"}").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(ssai("{\"StartTime\":\"2024/03/09 00\",\"EndTime\":\"2024-03-09T02+08:00\"}").errorCode())
                .isEqualTo("InvalidParameterValue");
        // the text names host mps, the example host mdp: both scope services verify
        assertThat(ssai("{" + window + "}").service("mps").errorCode()).isNull();
        assertThat(ssai("{" + window + "}").service("mdp").errorCode()).isNull();
        assertThat(ssai("{" + window + "}").service("vod").errorCode()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(ssai("{" + window + "}").version("2020-05-27").errorCode()).isEqualTo("NoSuchVersion");
    }

    @Test
    void partialFailureFault() {
        SIM.simulator().faults().nextCalls(FaultKind.SSAI_PARTIAL_FAILURE, 1);
        assertThat(ssai("{}").errorCode()).isEqualTo("InternalError.GetSSAIUsagePartialFailed");
        assertThat(ssai("{}").errorCode()).isNull();
        assertThat(SIM.simulator().calls(Api.SSAI_USAGE)).extracting(RecordedCall::fault).contains(FaultKind.SSAI_PARTIAL_FAILURE);
    }

    @Test
    void documentedRateOfTwentyPerSecond() {
        try (CloudApiSimulator plain = CloudApiSimulator.start(SimFixture.config().build())) {
            SimClient c = new SimClient(plain);
            // sent together, so they arrive within one second however busy the machine is
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                sent.add(SimClient.sendAsync(c.tencent(Api.SSAI_USAGE, ID, KEY).region("ap-shanghai")
                        .body("{\"StartTime\":\"2024-03-09T00+08:00\",\"EndTime\":\"2024-03-09T01+08:00\"}").build()));
            }
            List<String> bodies = sent.stream().map(CompletableFuture::join).map(HttpResponse::body).toList();
            assertThat(bodies).filteredOn(b -> !b.contains("\"Error\"")).hasSize(20);
            assertThat(bodies).filteredOn(b -> b.contains("RequestLimitExceeded")).hasSize(1);
        }
    }
}
