package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.ID2;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.simulator.UsageDataModel.MpsFigure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MpsUsageApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.unthrottled(Api.MPS_USAGE);

    SimClient.Tc mps(String body) {
        return SIM.client().tencent(Api.MPS_USAGE, ID, KEY).body(body);
    }

    @Test
    void answersWithTheModelFiguresBothEndDaysIncluded() {
        JsonNode r = mps("{\"StartTime\":\"2024-03-01T00:00:00+08:00\",\"EndTime\":\"2024-03-03T00:00:00+08:00\"}").response();
        assertThat(r.get("Error")).isNull();
        assertThat(r.get("RequestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(r.get("Data")).hasSize(1);
        JsonNode item = r.get("Data").get(0);
        assertThat(item.get("TaskType").asText()).isEqualTo("Transcode");
        List<String> times = new ArrayList<>();
        item.get("Summary").forEach(s -> times.add(s.get("Time").asText()));
        assertThat(times).containsExactly("2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00", "2024-03-03T00:00:00+08:00");

        List<String> regions = List.of("ap-guangzhou");
        UsageDataModel m = SIM.data();
        for (int i = 0; i < 3; i++) {
            LocalDate day = LocalDate.of(2024, 3, 1 + i);
            MpsFigure expected = m.mpsDaySummary(ID, regions, "Transcode", day);
            JsonNode s = item.get("Summary").get(i);
            assertThat(s.get("Count").asLong()).isEqualTo(expected.count());
            assertThat(s.get("Usage").asLong()).isEqualTo(expected.usage());
            // Summary = sum of Details of that day
            long count = 0, usage = 0;
            for (JsonNode det : item.get("Details")) {
                for (JsonNode d : det.get("Data")) {
                    if (d.get("Time").asText().equals(s.get("Time").asText())) {
                        count += d.get("Count").asLong();
                        usage += d.get("Usage").asLong();
                    }
                }
            }
            assertThat(count).isEqualTo(expected.count());
            assertThat(usage).isEqualTo(expected.usage());
        }
        for (JsonNode det : item.get("Details")) {
            String spec = det.get("Specification").asText();
            assertThat(m.mpsSpecs(ID, "ap-guangzhou", "Transcode")).contains(spec);
            int n = 0;
            for (int i = 0; i < 3; i++) {
                LocalDate day = LocalDate.of(2024, 3, 1 + i);
                Optional<MpsFigure> f = m.mpsUsage(ID, "ap-guangzhou", "Transcode", spec, day);
                if (f.isEmpty()) continue;
                JsonNode d = det.get("Data").get(n++);
                assertThat(d.get("Time").asText()).isEqualTo(day + "T00:00:00+08:00");
                assertThat(d.get("Count").asLong()).isEqualTo(f.get().count());
                assertThat(d.get("Usage").asLong()).isEqualTo(f.get().usage());
            }
            assertThat(det.get("Data")).hasSize(n);
        }
        assertThat(SIM.simulator().calls(Api.MPS_USAGE)).last().satisfies(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.credential()).isEqualTo(ID);
            assertThat(c.parameters()).containsEntry("StartTime", "2024-03-01T00:00:00+08:00");
        });
    }

    @Test
    void instantsAreMappedToUtc8DaysAndSeveralTypesAndRegionsAreSummed() {
        JsonNode r = mps("{\"StartTime\":\"2024-02-29T16:00:00Z\",\"EndTime\":\"2024-03-01T15:59:59Z\","
                + "\"Types\":[\"Transcode\",\"Snapshot\"],\"ProcessRegions\":[\"ap-guangzhou\",\"ap-singapore\"]}").response();
        assertThat(r.get("Error")).isNull();
        assertThat(r.get("Data")).hasSize(2);
        List<String> regions = List.of("ap-guangzhou", "ap-singapore");
        for (JsonNode item : r.get("Data")) {
            String type = item.get("TaskType").asText();
            assertThat(item.get("Summary")).hasSize(1);
            assertThat(item.get("Summary").get(0).get("Time").asText()).isEqualTo("2024-03-01T00:00:00+08:00");
            assertThat(item.get("Summary").get(0).get("Usage").asLong())
                    .isEqualTo(SIM.data().mpsDaySummary(ID, regions, type, LocalDate.of(2024, 3, 1)).usage());
        }
        assertThat(r.get("Data").get(1).get("TaskType").asText()).isEqualTo("Snapshot");
    }

    @Test
    void dataDependsOnTheAccountAndSomeSpecDaysAreMissing() {
        UsageDataModel m = SIM.data();
        int absent = 0, zero = 0, present = 0;
        for (LocalDate d = LocalDate.of(2024, 1, 1); d.isBefore(LocalDate.of(2024, 3, 1)); d = d.plusDays(1)) {
            for (String spec : m.mpsSpecs(ID, "ap-guangzhou", "Transcode")) {
                Optional<MpsFigure> f = m.mpsUsage(ID, "ap-guangzhou", "Transcode", spec, d);
                if (f.isEmpty()) absent++;
                else if (f.get().count() == 0) zero++;
                else present++;
            }
        }
        assertThat(absent).isPositive();
        assertThat(zero).isPositive();
        assertThat(present).isPositive();
        assertThat(m.mpsDaySummary(ID, List.of("ap-guangzhou"), "Transcode", LocalDate.of(2024, 3, 1)))
                .isNotEqualTo(m.mpsDaySummary(ID2, List.of("ap-guangzhou"), "Transcode", LocalDate.of(2024, 3, 1)));
        // days from "now" on have no usage yet
        assertThat(m.mpsDaySummary(ID, List.of("ap-guangzhou"), "Transcode", LocalDate.of(2024, 3, 11))).isEqualTo(MpsFigure.ZERO);
    }

    @Test
    void documentedLimits() {
        assertThat(mps("{\"StartTime\":\"2023-12-11T00:00:00+08:00\",\"EndTime\":\"2024-03-10T00:00:00+08:00\"}").errorCode())
                .as("exactly 90 days").isNull();
        assertThat(mps("{\"StartTime\":\"2023-12-10T00:00:00+08:00\",\"EndTime\":\"2024-03-10T00:00:00+08:00\"}").errorCode())
                .as("91 days").isEqualTo("InvalidParameterValue");
        assertThat(mps("{\"StartTime\":\"2024-03-02T00:00:00+08:00\",\"EndTime\":\"2024-03-01T00:00:00+08:00\"}").errorCode())
                .as("end before start").isEqualTo("InvalidParameterValue");
        assertThat(mps("{\"StartTime\":\"2024-03-01T00:00:00+08:00\",\"EndTime\":\"2024-03-01T00:00:00+08:00\"}").errorCode())
                .as("end equal to start").isNull();
        assertThat(mps("{\"StartTime\":\"2023-03-11T00:00:00+08:00\",\"EndTime\":\"2023-03-12T00:00:00+08:00\"}").errorCode())
                .as("365 days back").isNull();
        assertThat(mps("{\"StartTime\":\"2023-03-10T00:00:00+08:00\",\"EndTime\":\"2023-03-12T00:00:00+08:00\"}").errorCode())
                .as("366 days back").isEqualTo("InvalidParameterValue");
        assertThat(mps("{\"StartTime\":\"2024-03-01 00:00:00\",\"EndTime\":\"2024-03-02T00:00:00+08:00\"}").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(mps("{\"StartTime\":\"2024-03-01T00:00:00Z\",\"EndTime\":\"2024-03-02T00:00:00Z\",\"Types\":[\"Transcoding\"]}").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(mps("{\"StartTime\":\"2024-03-01T00:00:00Z\",\"EndTime\":\"2024-03-02T00:00:00Z\",\"ProcessRegions\":[\"ap-beijing\"]}").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(mps("{\"EndTime\":\"2024-03-02T00:00:00Z\"}").errorCode()).isEqualTo("MissingParameter");
        assertThat(mps("{\"StartTime\":\"2024-03-01T00:00:00Z\",\"EndTime\":\"2024-03-02T00:00:00Z\",\"Type\":[\"Transcode\"]}").errorCode())
                .isEqualTo("UnknownParameter");
    }

    @Test
    void authenticationErrors() {
        String body = "{\"StartTime\":\"2024-03-01T00:00:00Z\",\"EndTime\":\"2024-03-02T00:00:00Z\"}";
        long now = SimFixture.NOW.getEpochSecond();
        assertThat(mps(body).key("wrong-key").errorCode()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(mps(body).id("AKIDunknown").errorCode()).isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(mps(body).timestamp(now - 301).errorCode()).isEqualTo("AuthFailure.SignatureExpire");
        assertThat(mps(body).timestamp(now + 301).errorCode()).isEqualTo("AuthFailure.SignatureExpire");
        assertThat(mps(body).timestamp(now - 299).errorCode()).isNull();
        assertThat(mps(body).service("vod").errorCode()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(mps(body).service("mdp").errorCode()).as("mdp is only for SSAI").isEqualTo("AuthFailure.SignatureFailure");
        assertThat(mps(body).version("2018-07-17").errorCode()).isEqualTo("NoSuchVersion");
        assertThat(mps(body).version(null).errorCode()).isEqualTo("MissingParameter");
        assertThat(mps(body).action("DescribeUsage").errorCode()).isEqualTo("InvalidAction");
        assertThat(mps(body).authorization("Bearer abc").errorCode()).isEqualTo("AuthFailure.InvalidAuthorization");
        assertThat(mps(body).authorization("TC3-HMAC-SHA256 Credential=" + ID + "/2024-03-10/mps/tc3_request, "
                + "SignedHeaders=content-type, Signature=00").errorCode()).isEqualTo("AuthFailure.InvalidAuthorization");
        // scope date must be the UTC date of the timestamp: sign a timestamp one day off but send the right one
        String auth = RequestSigner.tc3(ID, KEY, "mps", now - 86400, "POST", "",
                java.util.Map.of("content-type", "application/json; charset=utf-8", "host", SIM.simulator().baseUrl().getAuthority()),
                body.getBytes()).authorization();
        assertThat(mps(body).authorization(auth).errorCode()).isEqualTo("AuthFailure.SignatureFailure");
        JsonNode err = mps(body).key("wrong-key").response();
        assertThat(err.get("RequestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(err.get("Error").get("Message").asText()).isNotBlank();
    }
}
