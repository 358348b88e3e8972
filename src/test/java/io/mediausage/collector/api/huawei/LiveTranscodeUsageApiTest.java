package io.mediausage.collector.api.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.source.SourceConfigException;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveTranscodeUsageApiTest {

    private final LiveTranscodeUsageApi api = new LiveTranscodeUsageApi();

    private UsageSource source(Map<String, String> extra) {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("projectId", "0a1b2c3d4e5f", "region",
                "cn-north-4"));
        parameters.putAll(extra);
        return TestSources.source(api, "https://live.cn-north-4.myhuaweicloud.com", parameters);
    }

    @Test
    void should_map_the_documented_example_to_minutes_per_spec_per_hour() throws Exception {
        Window twoHours = new Window(Instant.parse("2020-08-18T07:00:00Z"), Instant.parse("2020-08-18T09:00:00Z"));
        ApiCall call = api.calls(source(Map.of("publishDomain", "livepull-test.huaweicloud.com")), twoHours).get(0);

        List<UsageMeasurement> measurements = api.measurements(example(), call);

        assertThat(measurements).extracting(UsageMeasurement::periodStart, UsageMeasurement::skuId,
                        UsageMeasurement::quantity, UsageMeasurement::unit, UsageMeasurement::resourceId)
                .containsExactly(
                        tuple(Instant.parse("2020-08-18T07:00:00Z"), "H265_PVC_SD", new BigDecimal("256.23"), "Minutes",
                                "livepull-test.huaweicloud.com"),
                        tuple(Instant.parse("2020-08-18T07:00:00Z"), "H265_PVC_HD", new BigDecimal("128.41"), "Minutes",
                                "livepull-test.huaweicloud.com"),
                        tuple(Instant.parse("2020-08-18T08:00:00Z"), "H265_PVC_SD", new BigDecimal("52.35"), "Minutes",
                                "livepull-test.huaweicloud.com"),
                        tuple(Instant.parse("2020-08-18T08:00:00Z"), "H265_PVC_HD", new BigDecimal("136.32"), "Minutes",
                                "livepull-test.huaweicloud.com"));
    }

    @Test
    void should_drop_the_end_hour_the_api_adds_for_a_one_hour_window() throws Exception {
        // the documented request 07:00..08:00 answers both hours; a one-hour window keeps 07:00 only
        Window oneHour = new Window(Instant.parse("2020-08-18T07:00:00Z"), Instant.parse("2020-08-18T08:00:00Z"));
        ApiCall call = api.calls(source(Map.of()), oneHour).get(0);

        assertThat(api.measurements(example(), call)).hasSize(2)
                .allSatisfy(m -> assertThat(m.periodStart()).isEqualTo(Instant.parse("2020-08-18T07:00:00Z")))
                .allSatisfy(m -> assertThat(m.resourceId()).isEqualTo("all-publish-domains"));
    }

    @Test
    void should_refuse_an_answer_whose_spec_lacks_its_value_rather_than_publish_zero() throws Exception {
        JsonNode answer = example();
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer.path("transcode_data_list").get(0).path("spec_list")
                .get(0)).remove("value");
        Window twoHours = new Window(Instant.parse("2020-08-18T07:00:00Z"), Instant.parse("2020-08-18T09:00:00Z"));
        ApiCall call = api.calls(source(Map.of()), twoHours).get(0);

        assertThatThrownBy(() -> api.measurements(answer, call))
                .isInstanceOf(io.mediausage.collector.api.CloudApiException.class)
                .hasMessageContaining("InvalidAnswer").hasMessageContaining("has no value");
    }

    @Test
    void should_build_the_documented_request_for_a_window() {
        Window oneHour = new Window(Instant.parse("2020-08-18T07:00:00Z"), Instant.parse("2020-08-18T08:00:00Z"));

        HuaweiApiCall call = (HuaweiApiCall) api.calls(source(Map.of("publishDomain", "livepull-test.huaweicloud.com")),
                oneHour).get(0);

        assertThat(call.request().method()).isEqualTo("GET");
        assertThat(call.request().path()).isEqualTo("/v2/0a1b2c3d4e5f/stats/transcode");
        assertThat(call.request().queryParameters()).containsExactly(
                Map.entry("publish_domain", "livepull-test.huaweicloud.com"),
                Map.entry("start_time", "2020-08-18T07:00:00Z"), Map.entry("end_time", "2020-08-18T08:00:00Z"));
        assertThat(call.request().headersToSign()).containsEntry("X-Project-Id", "0a1b2c3d4e5f");
        assertThat(call.origin().subAccountId()).isEqualTo("0a1b2c3d4e5f");
        assertThat(call.origin().regionId()).isEqualTo("cn-north-4");
    }

    @Test
    void should_reject_a_stream_without_its_domain() {
        assertThatThrownBy(() -> source(Map.of("stream", "live1"))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("stream").hasMessageContaining("publishDomain");
    }

    @Test
    void should_reject_a_project_id_that_is_not_one() {
        assertThatThrownBy(() -> source(Map.of("projectId", "../admin"))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("projectId");
    }

    @Test
    void should_reject_a_region_the_sdk_does_not_list_for_the_documented_host() {
        assertThatThrownBy(() -> source(Map.of("region", "cn-north-9", "endpoint",
                "https://live.cn-north-9.myhuaweicloud.com"))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("region 'cn-north-9' is not a region of Huawei Cloud Live; did you mean "
                        + "'cn-north-1'?");
    }

    @Test
    void should_take_another_region_with_an_endpoint_of_its_own_but_not_a_malformed_one() {
        assertThat(source(Map.of("region", "ap-southeast-1", "endpoint", "http://127.0.0.1:8443")).parameters()
                .string("region")).isEqualTo("ap-southeast-1");
        assertThatThrownBy(() -> source(Map.of("region", "Singapore", "endpoint", "http://127.0.0.1:8443")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("region 'Singapore'");
    }

    private JsonNode example() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/api-examples/huawei-list-transcode-data.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
