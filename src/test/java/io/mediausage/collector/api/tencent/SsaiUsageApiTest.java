package io.mediausage.collector.api.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.CloudApiException;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.source.SourceConfigException;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.BucketGrid;
import io.mediausage.collector.window.Window;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SsaiUsageApiTest {

    private final SsaiUsageApi api = new SsaiUsageApi();
    private final ObjectMapper json = new ObjectMapper();

    /** 2025-05-01 00:00 to 01:00 UTC+8: the first hour of the document's example query. */
    private static final Window FIRST_HOUR = new Window(Instant.parse("2025-04-30T16:00:00Z"),
            Instant.parse("2025-04-30T17:00:00Z"));
    private static final Window FIRST_DAY = new Window(Instant.parse("2025-04-30T16:00:00Z"),
            Instant.parse("2025-05-01T16:00:00Z"));

    private UsageSource source(Map<String, String> overrides) {
        Map<String, String> parameters = new HashMap<>(Map.of("accountId", "100012345678", "region", "ap-shanghai",
                "granularity", "hour", "service", "mps", "version", "2019-06-12"));
        parameters.putAll(overrides);
        parameters.values().removeIf(String::isEmpty);
        return TestSources.source(api, "https://mps.tencentcloudapi.com", parameters);
    }

    private UsageSource hourly() {
        return source(Map.of());
    }

    @Test
    void should_map_the_documented_example_to_every_additive_counter_of_the_channel_and_ad_type() throws Exception {
        ApiCall call = api.calls(hourly(), FIRST_HOUR).get(0);

        List<UsageMeasurement> measurements = api.measurements(example(), call);

        assertThat(measurements).extracting(UsageMeasurement::metric, UsageMeasurement::quantity,
                        UsageMeasurement::unit)
                .containsExactly(
                        tuple("ad_request_success", new BigDecimal(1), "Requests"),
                        tuple("ad_request_fail", new BigDecimal(0), "Requests"),
                        tuple("impression", new BigDecimal(0), "Events"),
                        tuple("start", new BigDecimal(0), "Events"),
                        tuple("first_quartile", new BigDecimal(0), "Events"),
                        tuple("midpoint", new BigDecimal(0), "Events"),
                        tuple("third_quartile", new BigDecimal(0), "Events"),
                        tuple("complete", new BigDecimal(0), "Events"),
                        tuple("ad_marker_time", new BigDecimal(0), "Undocumented"),
                        tuple("replaced_time", new BigDecimal(0), "Undocumented"),
                        tuple("pre_req_num", new BigDecimal(1), "Requests"),
                        tuple("pre_replaced_num", new BigDecimal(0), "Events"));
        assertThat(measurements).allSatisfy(m -> {
            assertThat(m.periodStart()).isEqualTo(FIRST_HOUR.start());
            assertThat(m.granularity()).isEqualTo(Duration.ofHours(1));
            assertThat(m.resourceId()).isEqualTo("66503E8E0000930000F9");
            assertThat(m.skuId()).isEqualTo("Preroll");
        });
    }

    @Test
    void should_not_publish_the_rates_which_are_ratios_of_the_counters() throws Exception {
        JsonNode answer = example();
        ((ObjectNode) answer.path("Info").path("UsageDetails").get(0)).put("MidFillRate", 0.5).put("PreReplaceRate", 1);
        ApiCall call = api.calls(hourly(), FIRST_HOUR).get(0);

        assertThat(api.measurements(answer, call)).extracting(UsageMeasurement::metric)
                .noneMatch(metric -> metric.contains("rate"));
    }

    @Test
    void should_ask_one_hour_with_the_next_hour_as_end_in_the_documents_hour_form_and_always_in_detail() {
        UsageSource source = source(Map.of("channelIds", "698AAD421D3EA5656115,66503E8E0000930000F9",
                "types", "Pre-roll,VOD"));

        List<ApiCall> calls = api.calls(source, FIRST_HOUR);

        assertThat(calls).hasSize(1);
        TencentApiCall call = (TencentApiCall) calls.get(0);
        assertThat(call.service()).isEqualTo("mps");
        assertThat(call.request().action()).isEqualTo("DescribeStreamPackageSSAIUsage");
        assertThat(call.request().version()).isEqualTo("2019-06-12");
        assertThat(call.request().region()).isEqualTo("ap-shanghai");
        assertThat(call.request().host()).isEqualTo("mps.tencentcloudapi.com");
        assertThat(call.request().payload()).isEqualTo("{\"StartTime\":\"2025-05-01T00+08:00\","
                + "\"EndTime\":\"2025-05-01T01+08:00\",\"ChannelIds\":[\"698AAD421D3EA5656115\","
                + "\"66503E8E0000930000F9\"],\"Types\":[\"Pre-roll\",\"VOD\"],\"Dimension\":true}");
        assertThat(call.origin().regionId()).isEqualTo("ap-shanghai");
        assertThat(call.origin().serviceName()).isEqualTo("StreamPackage SSAI");
    }

    @Test
    void should_ask_a_day_from_its_midnight_to_the_next_and_leave_out_channels_and_types_when_not_set() {
        TencentApiCall call = (TencentApiCall) api.calls(source(Map.of("granularity", "day")), FIRST_DAY).get(0);

        assertThat(call.request().payload()).isEqualTo("{\"StartTime\":\"2025-05-01T00+08:00\","
                + "\"EndTime\":\"2025-05-02T00+08:00\",\"Dimension\":true}");
    }

    @Test
    void should_sign_for_the_configured_service_and_send_the_configured_version_whatever_the_host() {
        UsageSource source = TestSources.source(api, "https://mdp.intl.tencentcloudapi.com", Map.of(
                "accountId", "100012345678", "region", "ap-shanghai", "granularity", "hour", "service", "mdp",
                "version", "2020-05-27"));

        TencentApiCall call = (TencentApiCall) api.calls(source, FIRST_HOUR).get(0);

        assertThat(call.service()).isEqualTo("mdp");
        assertThat(call.request().version()).isEqualTo("2020-05-27");
        assertThat(call.request().host()).isEqualTo("mdp.intl.tencentcloudapi.com");
    }

    @Test
    void should_plan_one_utc8_hour_or_day_a_window() {
        assertThat(api.windowPolicy(hourly()).grid()).isEqualTo(BucketGrid.hourly(BucketGrid.CHINA_STANDARD_TIME));
        assertThat(api.windowPolicy(hourly()).maxBuckets()).isEqualTo(1);
        UsageSource daily = source(Map.of("granularity", "day"));
        assertThat(api.windowPolicy(daily).grid()).isEqualTo(BucketGrid.daily(BucketGrid.CHINA_STANDARD_TIME));
        assertThat(api.windowPolicy(daily).maxBuckets()).isEqualTo(1);
    }

    @Test
    void should_map_a_day_window_to_one_daily_figure() throws Exception {
        ApiCall call = api.calls(source(Map.of("granularity", "day")), FIRST_DAY).get(0);

        assertThat(api.measurements(example(), call)).hasSize(12).allSatisfy(m -> {
            assertThat(m.periodStart()).isEqualTo(FIRST_DAY.start());
            assertThat(m.granularity()).isEqualTo(Duration.ofDays(1));
        });
    }

    @Test
    void should_refuse_to_map_a_window_of_more_than_one_bucket() throws Exception {
        ApiCall call = api.calls(hourly(), new Window(FIRST_HOUR.start(), FIRST_HOUR.end().plusSeconds(3600))).get(0);

        assertThatThrownBy(() -> api.measurements(example(), call)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_publish_each_channel_and_ad_type_and_ignore_fields_it_does_not_know() throws Exception {
        JsonNode answer = example();
        ArrayNode details = (ArrayNode) answer.path("Info").path("UsageDetails");
        ((ObjectNode) details.get(0)).put("Date", "2025-05-01").put("StartTime", "2025-05-01 00:00:00")
                .put("VastRequestSuccess", 7).put("AdsRequestSuccess", 8);
        details.addObject().put("ChannelId", "698AAD421D3EA5656115").put("AdType", "Midroll")
                .put("AdRequestSuccess", 4).put("AdRequestFail", 0).put("Impression", 3).put("Start", 3)
                .put("FirstQuartile", 2).put("Midpoint", 2).put("ThirdQuartile", 1).put("Complete", 1)
                .put("AdMarkerTime", 120.5).put("ReplacedTime", 90).put("MidFillRate", 0.75).put("PreReqNum", 0)
                .put("PreReplacedNum", 0);
        ApiCall call = api.calls(hourly(), FIRST_HOUR).get(0);

        List<UsageMeasurement> measurements = api.measurements(answer, call);

        assertThat(measurements).filteredOn(m -> m.resourceId().equals("698AAD421D3EA5656115"))
                .allSatisfy(m -> assertThat(m.skuId()).isEqualTo("Midroll"))
                .extracting(UsageMeasurement::metric, UsageMeasurement::quantity)
                .containsExactly(tuple("ad_request_success", new BigDecimal(4)), tuple("ad_request_fail", BigDecimal.ZERO),
                        tuple("impression", new BigDecimal(3)), tuple("start", new BigDecimal(3)),
                        tuple("first_quartile", new BigDecimal(2)), tuple("midpoint", new BigDecimal(2)),
                        tuple("third_quartile", new BigDecimal(1)), tuple("complete", new BigDecimal(1)),
                        tuple("ad_marker_time", new BigDecimal("120.5")), tuple("replaced_time", new BigDecimal(90)),
                        tuple("pre_req_num", BigDecimal.ZERO), tuple("pre_replaced_num", BigDecimal.ZERO));
        assertThat(measurements).extracting(UsageMeasurement::metric).doesNotContain("vast_request_success");
    }

    @Test
    void should_publish_a_row_listed_twice_with_the_same_counters_once() throws Exception {
        JsonNode answer = example();
        ArrayNode details = (ArrayNode) answer.path("Info").path("UsageDetails");
        details.add(details.get(0).deepCopy());
        ApiCall call = api.calls(hourly(), FIRST_HOUR).get(0);

        Map<String, BigDecimal> byMetric = api.measurements(answer, call).stream()
                .collect(Collectors.toMap(UsageMeasurement::metric, UsageMeasurement::quantity));

        assertThat(byMetric).hasSize(12).containsEntry("ad_request_success", new BigDecimal(1))
                .containsEntry("pre_req_num", new BigDecimal(1));
    }

    @Test
    void should_refuse_a_detail_without_channel() throws Exception {
        JsonNode answer = example();
        ((ObjectNode) answer.path("Info").path("UsageDetails").get(0)).remove("ChannelId");
        ApiCall call = api.calls(hourly(), FIRST_HOUR).get(0);

        assertThatThrownBy(() -> api.measurements(answer, call)).isInstanceOf(CloudApiException.class)
                .hasMessageContaining("InvalidAnswer").hasMessageContaining("ChannelId");
    }

    @Test
    void should_find_the_documented_info_totals_equal_to_their_details_and_report_a_difference() throws Exception {
        JsonNode answer = example();
        ApiCall call = api.calls(hourly(), FIRST_HOUR).get(0);
        Map<List<String>, Map<SsaiUsageApi.Counter, BigDecimal>> totals = new HashMap<>();
        for (UsageMeasurement m : api.measurements(answer, call)) {
            SsaiUsageApi.Counter counter = SsaiUsageApi.COUNTERS.stream().filter(c -> c.metric().equals(m.metric()))
                    .findFirst().orElseThrow();
            totals.computeIfAbsent(List.of(m.resourceId(), m.skuId()), k -> new HashMap<>()).put(counter, m.quantity());
        }
        assertThat(SsaiUsageApi.infoMismatches(answer.path("Info"), totals)).isEmpty();

        ((ObjectNode) answer.path("Info")).put("AdRequestSuccess", 5);

        assertThat(SsaiUsageApi.infoMismatches(answer.path("Info"), totals)).singleElement().asString()
                .contains("AdRequestSuccess is 5").contains("add up to 1");
    }

    @Test
    void should_reject_an_unknown_ad_type_naming_source_and_key() {
        assertThatThrownBy(() -> source(Map.of("types", "Pre-roll,Post-roll")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("source 'test-source'")
                .hasMessageContaining("types").hasMessageContaining("Post-roll")
                .hasMessageContaining("[Mid-roll, Pre-roll, VOD]");
    }

    @Test
    void should_reject_the_answers_spelling_of_an_ad_type_in_the_query() {
        assertThatThrownBy(() -> source(Map.of("types", "Preroll"))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("types").hasMessageContaining("Preroll");
    }

    @Test
    void should_reject_a_region_other_than_shanghai_naming_source_and_key() {
        assertThatThrownBy(() -> source(Map.of("region", "ap-guangzhou")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("source 'test-source'")
                .hasMessageContaining("region").hasMessageContaining("ap-guangzhou")
                .hasMessageContaining("ap-shanghai");
    }

    @Test
    void should_reject_an_unknown_granularity_naming_source_and_key() {
        assertThatThrownBy(() -> source(Map.of("granularity", "five-minute")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("source 'test-source'")
                .hasMessageContaining("granularity").hasMessageContaining("[day, hour]");
    }

    @Test
    void should_reject_a_service_or_version_that_cannot_be_one() {
        assertThatThrownBy(() -> source(Map.of("service", "mps.tencentcloudapi.com")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("service");
        assertThatThrownBy(() -> source(Map.of("version", "latest")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("version");
    }

    @Test
    void should_retry_the_documented_internal_errors_and_not_the_invalid_parameters() {
        assertThat(TencentResponseReader.isRetriable("InternalError")).isTrue();
        assertThat(TencentResponseReader.isRetriable("InternalError.GetSSAIChannelsFailed")).isTrue();
        assertThat(TencentResponseReader.isRetriable("InternalError.GetSSAIUsagePartialFailed")).isTrue();
        assertThat(TencentResponseReader.isRetriable("InvalidParameter.InvalidParameterChannelId")).isFalse();
        assertThat(TencentResponseReader.isRetriable("InvalidParameter.Type")).isFalse();
    }

    private JsonNode example() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(
                "/api-examples/ssai-describe-stream-package-ssai-usage.json")) {
            return json.readTree(in).path("Response");
        }
    }
}
