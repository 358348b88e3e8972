package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.AK;
import static io.mediausage.collector.simulator.SimFixture.PROJECT;
import static io.mediausage.collector.simulator.SimFixture.SK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HuaweiTranscodeApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.unthrottled(Api.HUAWEI_TRANSCODE);

    static String q(String domain, String start, String end) {
        StringBuilder sb = new StringBuilder();
        if (domain != null) sb.append("publish_domain=").append(domain).append('&');
        sb.append("start_time=").append(start.replace(":", "%3A").replace(" ", "%20"))
                .append("&end_time=").append(end.replace(":", "%3A").replace("+", "%2B"));
        return sb.toString();
    }

    HttpResponse<String> get(String query) {
        return SIM.client().huawei(AK, SK, PROJECT, query).send();
    }

    /** Checks a 200 answer against the model for hours [from, to] inclusive. */
    void assertMatchesModel(JsonNode body, String domain, String stream, Instant from, Instant to) {
        UsageDataModel m = SIM.data();
        JsonNode list = body.get("transcode_data_list");
        int i = 0;
        Map<String, BigDecimal> sums = new java.util.TreeMap<>(java.util.Comparator.comparingInt(UsageDataModel.HUAWEI_SPECS::indexOf));
        for (Instant h = from; !h.isAfter(to); h = h.plus(Duration.ofHours(1)), i++) {
            JsonNode item = list.get(i);
            assertThat(item.get("time").asText()).isEqualTo(h.toString());
            int n = 0;
            for (String spec : UsageDataModel.HUAWEI_SPECS) {
                Optional<BigDecimal> v = m.huaweiTranscodeMinutes(PROJECT, domain, stream, spec, h);
                if (v.isEmpty()) continue;
                JsonNode so = item.get("spec_list").get(n++);
                assertThat(so.get("type").asText()).isEqualTo(spec);
                assertThat(so.get("value").decimalValue()).isEqualByComparingTo(v.get());
                sums.merge(spec, v.get(), BigDecimal::add);
            }
            assertThat(item.get("spec_list")).hasSize(n);
        }
        assertThat(list).hasSize(i);
        JsonNode summary = body.get("summary_list");
        assertThat(summary).hasSize(sums.size());
        int k = 0;
        for (Map.Entry<String, BigDecimal> e : sums.entrySet()) {
            assertThat(summary.get(k).get("type").asText()).isEqualTo(e.getKey());
            assertThat(summary.get(k).get("value").decimalValue()).isEqualByComparingTo(e.getValue());
            k++;
        }
    }

    @Test
    void docExampleWindowReturnsBothEndHours() {
        String domain = SIM.data().huaweiDomains(PROJECT).get(0);
        HttpResponse<String> r = get(q(domain, "2024-03-09T07:00:00Z", "2024-03-09T08:00:00Z"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode body = SimClient.parse(r.body());
        assertThat(body.get("transcode_data_list")).hasSize(2);
        assertMatchesModel(body, domain, null, Instant.parse("2024-03-09T07:00:00Z"), Instant.parse("2024-03-09T08:00:00Z"));
        assertThat(SIM.simulator().calls(Api.HUAWEI_TRANSCODE)).last().satisfies(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.credential()).isEqualTo(AK);
            assertThat(c.parameters()).containsEntry("publish_domain", domain).containsEntry("project_id", PROJECT);
        });
    }

    @Test
    void withoutDomainSumsTheProjectsDomainsAndNonWholeHoursRoundDown() {
        HttpResponse<String> r = get(q(null, "2024-03-08T07:20:40Z", "2024-03-09T09:20:40Z"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimClient.parse(r.body());
        assertThat(body.get("transcode_data_list")).hasSize(27);
        assertMatchesModel(body, null, null, Instant.parse("2024-03-08T07:00:00Z"), Instant.parse("2024-03-09T09:00:00Z"));
        // the project sum equals the sum over its domains
        Instant h = Instant.parse("2024-03-08T10:00:00Z");
        UsageDataModel m = SIM.data();
        for (String spec : UsageDataModel.HUAWEI_SPECS) {
            BigDecimal sum = null;
            for (String d : m.huaweiDomains(PROJECT)) {
                Optional<BigDecimal> v = m.huaweiTranscodeMinutes(PROJECT, d, null, spec, h);
                if (v.isPresent()) sum = sum == null ? v.get() : sum.add(v.get());
            }
            assertThat(m.huaweiTranscodeMinutes(PROJECT, null, null, spec, h).orElse(null)).isEqualTo(sum);
        }
    }

    @Test
    void streamFilterAndHoursFromNowOnAreEmpty() {
        UsageDataModel m = SIM.data();
        String domain = m.huaweiDomains(PROJECT).get(1);
        String stream = m.huaweiStreams(PROJECT, domain).get(0);
        HttpResponse<String> r = get(q(domain, "2024-03-10T01:00:00Z", "2024-03-10T06:00:00Z") + "&stream=" + stream);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = SimClient.parse(r.body());
        assertMatchesModel(body, domain, stream, Instant.parse("2024-03-10T01:00:00Z"), Instant.parse("2024-03-10T06:00:00Z"));
        assertThat(body.get("transcode_data_list").get(3).get("spec_list")).as("04:00 = now").isEmpty();
        assertThat(body.get("transcode_data_list").get(5).get("spec_list")).isEmpty();
    }

    @Test
    void modelHasAbsentZeroAndPresentValuesWithTwoDecimals() {
        UsageDataModel m = SIM.data();
        String domain = m.huaweiDomains(PROJECT).get(0);
        int absent = 0, zero = 0, present = 0;
        Instant h = Instant.parse("2024-03-01T00:00:00Z");
        for (int i = 0; i < 200; i++, h = h.plus(Duration.ofHours(1))) {
            for (String spec : m.huaweiSpecs(PROJECT, domain)) {
                Optional<BigDecimal> v = m.huaweiTranscodeMinutes(PROJECT, domain, m.huaweiStreams(PROJECT, domain).get(0), spec, h);
                if (v.isEmpty()) absent++;
                else if (v.get().signum() == 0) zero++;
                else present++;
                v.ifPresent(x -> assertThat(x.scale()).isEqualTo(2));
            }
        }
        assertThat(absent).isPositive();
        assertThat(zero).isPositive();
        assertThat(present).isPositive();
    }

    @Test
    void documentedParameterErrors() {
        String domain = SIM.data().huaweiDomains(PROJECT).get(0);
        assertError(get(q(domain, "2024-03-09T08:00:00Z", "2024-03-09T08:00:00Z")), 400, "LIVE.100011001", "end_time");
        assertError(get(q(domain, "2024-03-09T09:00:00Z", "2024-03-09T08:00:00Z")), 400, "LIVE.100011001", "end_time");
        assertError(get(q(domain, "2024-03-09 07:00:00", "2024-03-09T08:00:00Z")), 400, "LIVE.100011001", "start_time");
        assertError(get(q(domain, "2024-03-09T07:00:00Z", "2024-03-09T08:00:00+08:00")), 400, "LIVE.100011001", "end_time");
        assertThat(get(q(domain, "2024-02-01T00:00:00Z", "2024-03-03T00:00:00Z")).statusCode()).as("31 days").isEqualTo(200);
        assertError(get(q(domain, "2024-02-01T00:00:00Z", "2024-03-03T01:00:00Z")), 400, "LIVE.100011001", "end_time");
        assertError(get(q(domain, "2023-03-09T00:00:00Z", "2023-03-10T00:00:00Z")), 400, "LIVE.100011001", "start_time");
        assertError(get(q("unknown.example.com", "2024-03-09T07:00:00Z", "2024-03-09T08:00:00Z")), 400, "LIVE.100011001", "publish_domain");
    }

    static void assertError(HttpResponse<String> r, int status, String code, String msgContains) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode b = SimClient.parse(r.body());
        assertThat(b.get("error_code").asText()).isEqualTo(code);
        assertThat(b.get("error_msg").asText()).contains(msgContains);
    }

    @Test
    void authenticationErrors() {
        String query = q(null, "2024-03-09T07:00:00Z", "2024-03-09T08:00:00Z");
        assertError(SIM.client().huawei(AK, "wrong-sk", PROJECT, query).send(), 401, "APIGW.0301", "Incorrect IAM authentication information");
        assertError(SIM.client().huawei("UNKNOWNAK", SK, PROJECT, query).send(), 401, "APIGW.0301", "Incorrect IAM authentication information");
        assertError(SIM.client().huawei(AK, SK, PROJECT, query).sdkDate(SimFixture.NOW.minus(Duration.ofMinutes(16))).send(),
                401, "APIGW.0301", "expired");
        assertThat(SIM.client().huawei(AK, SK, PROJECT, query).sdkDate(SimFixture.NOW.minus(Duration.ofMinutes(14))).send().statusCode())
                .isEqualTo(200);
        assertError(SIM.client().huawei(AK, SK, PROJECT, query).headerProjectId("otherproject").send(), 401, "APIGW.0301", "X-Project-Id");
        assertError(SIM.client().huawei(AK, SK, PROJECT, query).headerProjectId(null).send(), 401, "APIGW.0301", "X-Project-Id");
        assertError(SIM.client().huawei(AK, SK, PROJECT, query).dontSignHost().send(), 401, "APIGW.0301", "host");
        HttpResponse<String> r = SIM.client().huawei(AK, "wrong-sk", PROJECT, query).send();
        assertThat(SimClient.parse(r.body()).get("request_id").asText()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        // the published guide's style (content-type signed too) verifies as well
        assertThat(SIM.client().huawei(AK, SK, PROJECT, query).signContentType().send().statusCode()).isEqualTo(200);
        // a tampered query fails
        SimClient.Hw hw = SIM.client().huawei(AK, SK, PROJECT, query);
        java.net.http.HttpRequest signed = hw.build();
        java.net.http.HttpRequest tampered = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(signed.uri().toString().replace("07%3A00", "06%3A00")))
                .headers(signed.headers().map().entrySet().stream()
                        .flatMap(e -> e.getValue().stream().flatMap(v -> java.util.stream.Stream.of(e.getKey(), v)))
                        .toArray(String[]::new)).GET().build();
        assertError(SimClient.send(tampered), 401, "APIGW.0301", "signature");
    }

    @Test
    void unknownPathIs404() {
        HttpResponse<String> r = SimClient.send(java.net.http.HttpRequest.newBuilder(SIM.simulator().baseUrl().resolve("/v2/" + PROJECT + "/stats/traffic")).GET().build());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(List.of(SimClient.parse(r.body()).get("error_code").asText())).containsExactly("APIGW.0101");
    }
}
