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
import io.mediausage.collector.window.WindowPlan;
import io.mediausage.collector.window.WindowPlanner;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrtcUsageApiTest {

    private final TrtcUsageApi api = new TrtcUsageApi();
    private final ObjectMapper json = new ObjectMapper();

    /** 2022-01-01 and 2022-01-02 in UTC+8, the two days of the document's example. */
    private static final Window BOTH_EXAMPLE_DAYS = new Window(Instant.parse("2021-12-31T16:00:00Z"),
            Instant.parse("2022-01-02T16:00:00Z"));
    private static final Window SECOND_EXAMPLE_DAY = new Window(Instant.parse("2022-01-01T16:00:00Z"),
            Instant.parse("2022-01-02T16:00:00Z"));

    private UsageSource source(Map<String, String> overrides) {
        Map<String, String> parameters = new HashMap<>(Map.of("accountId", "100012345678", "region", "ap-guangzhou",
                "granularity", "daily", "sdkAppIds", "1400123456"));
        parameters.putAll(overrides);
        parameters.values().removeIf(String::isEmpty);
        return TestSources.source(api, "https://trtc.tencentcloudapi.com", parameters);
    }

    private UsageSource daily() {
        return source(Map.of());
    }

    private UsageSource fiveMinute() {
        return source(Map.of("granularity", "five-minute"));
    }

    @Test
    void should_map_the_documented_example_to_minutes_per_usage_key_per_utc8_day() throws Exception {
        ApiCall call = api.calls(daily(), BOTH_EXAMPLE_DAYS).get(0);

        List<UsageMeasurement> measurements = api.measurements(example(), call);

        Instant jan1 = Instant.parse("2021-12-31T16:00:00Z");
        Instant jan2 = Instant.parse("2022-01-01T16:00:00Z");
        List<String> keys = List.of("Audio", "SD", "HD", "FullHD", "2K", "4K");
        assertThat(measurements).extracting(UsageMeasurement::periodStart, UsageMeasurement::skuId,
                        UsageMeasurement::quantity)
                .containsExactly(
                        tuple(jan1, keys.get(0), new BigDecimal(10)), tuple(jan1, keys.get(1), new BigDecimal(20)),
                        tuple(jan1, keys.get(2), new BigDecimal(30)), tuple(jan1, keys.get(3), new BigDecimal(40)),
                        tuple(jan1, keys.get(4), new BigDecimal(50)), tuple(jan1, keys.get(5), new BigDecimal(60)),
                        tuple(jan2, keys.get(0), new BigDecimal(10)), tuple(jan2, keys.get(1), new BigDecimal(20)),
                        tuple(jan2, keys.get(2), new BigDecimal(30)), tuple(jan2, keys.get(3), new BigDecimal(40)),
                        tuple(jan2, keys.get(4), new BigDecimal(50)), tuple(jan2, keys.get(5), new BigDecimal(60)));
        assertThat(measurements).allSatisfy(m -> {
            assertThat(m.granularity()).isEqualTo(Duration.ofDays(1));
            assertThat(m.resourceId()).isEqualTo("1400123456");
            assertThat(m.metric()).isEqualTo("duration");
            assertThat(m.unit()).isEqualTo("Minutes");
        });
    }

    @Test
    void should_ask_a_daily_window_from_its_first_to_its_last_day_with_region_version_and_app() {
        List<ApiCall> calls = api.calls(daily(), BOTH_EXAMPLE_DAYS);

        assertThat(calls).hasSize(1);
        TencentApiCall call = (TencentApiCall) calls.get(0);
        assertThat(call.service()).isEqualTo("trtc");
        assertThat(call.request().action()).isEqualTo("DescribeTrtcUsage");
        assertThat(call.request().version()).isEqualTo("2019-07-22");
        assertThat(call.request().region()).isEqualTo("ap-guangzhou");
        assertThat(call.request().host()).isEqualTo("trtc.tencentcloudapi.com");
        assertThat(call.request().payload())
                .isEqualTo("{\"StartTime\":\"2022-01-01\",\"EndTime\":\"2022-01-02\",\"SdkAppId\":1400123456}");
        assertThat(call.origin().regionId()).isEqualTo("ap-guangzhou");
        assertThat(call.origin().serviceName()).isEqualTo("Tencent Real-Time Communication");
        assertThat(call.origin().subAccountId()).isEqualTo("100012345678");
    }

    @Test
    void should_widen_a_one_day_daily_query_backwards_and_keep_only_the_windows_day() throws Exception {
        ApiCall call = api.calls(daily(), SECOND_EXAMPLE_DAY).get(0);

        assertThat(((TencentApiCall) call).request().payload())
                .isEqualTo("{\"StartTime\":\"2022-01-01\",\"EndTime\":\"2022-01-02\",\"SdkAppId\":1400123456}");
        assertThat(api.measurements(example(), call)).hasSize(6)
                .allSatisfy(m -> assertThat(m.periodStart()).isEqualTo(Instant.parse("2022-01-01T16:00:00Z")));
    }

    @Test
    void should_ask_each_utc8_day_of_a_five_minute_window_on_its_own() {
        Window day = new Window(Instant.parse("2022-01-01T16:00:00Z"), Instant.parse("2022-01-02T16:00:00Z"));
        Window acrossMidnight = new Window(Instant.parse("2022-01-01T22:00:00Z"),
                Instant.parse("2022-01-02T22:00:00Z"));

        assertThat(api.calls(fiveMinute(), day)).extracting(c -> ((TencentApiCall) c).request().payload())
                .containsExactly("{\"StartTime\":\"2022-01-02\",\"EndTime\":\"2022-01-02\",\"SdkAppId\":1400123456}");
        assertThat(api.calls(fiveMinute(), acrossMidnight)).extracting(c -> ((TencentApiCall) c).request().payload())
                .containsExactly("{\"StartTime\":\"2022-01-02\",\"EndTime\":\"2022-01-02\",\"SdkAppId\":1400123456}",
                        "{\"StartTime\":\"2022-01-03\",\"EndTime\":\"2022-01-03\",\"SdkAppId\":1400123456}");
    }

    @Test
    void should_map_five_minute_time_keys_from_utc8_to_utc_and_keep_only_the_windows_buckets() {
        Window firstHour = new Window(Instant.parse("2022-01-01T16:00:00Z"), Instant.parse("2022-01-01T17:00:00Z"));
        ApiCall call = api.calls(fiveMinute(), firstHour).get(0);

        List<UsageMeasurement> measurements = api.measurements(fiveMinuteAnswer(LocalDate.parse("2022-01-02")), call);

        assertThat(measurements).hasSize(12 * 2);
        assertThat(measurements).allSatisfy(m -> {
            assertThat(m.granularity()).isEqualTo(Duration.ofMinutes(5));
            assertThat(firstHour.containsBucket(m.periodStart())).isTrue();
        });
        assertThat(measurements).extracting(UsageMeasurement::periodStart, UsageMeasurement::skuId,
                        UsageMeasurement::quantity)
                .contains(tuple(Instant.parse("2022-01-01T16:05:00Z"), "HD", new BigDecimal(1)));
    }

    @Test
    void should_ask_once_per_listed_app() {
        List<ApiCall> calls = api.calls(source(Map.of("sdkAppIds", "1400123456, 1400654321")), BOTH_EXAMPLE_DAYS);

        assertThat(calls).extracting(c -> ((TencentApiCall) c).request().payload()).containsExactly(
                "{\"StartTime\":\"2022-01-01\",\"EndTime\":\"2022-01-02\",\"SdkAppId\":1400123456}",
                "{\"StartTime\":\"2022-01-01\",\"EndTime\":\"2022-01-02\",\"SdkAppId\":1400654321}");
    }

    @Test
    void should_ask_for_the_whole_account_once_and_call_it_all_apps_when_no_app_is_listed() throws Exception {
        List<ApiCall> calls = api.calls(source(Map.of("sdkAppIds", "")), BOTH_EXAMPLE_DAYS);

        assertThat(calls).hasSize(1);
        assertThat(((TencentApiCall) calls.get(0)).request().payload())
                .isEqualTo("{\"StartTime\":\"2022-01-01\",\"EndTime\":\"2022-01-02\"}");
        assertThat(api.measurements(example(), calls.get(0)))
                .allSatisfy(m -> assertThat(m.resourceId()).isEqualTo("all-apps"));
    }

    @Test
    void should_plan_whole_utc8_days_up_to_31_a_window_for_daily_sources() {
        assertThat(api.windowPolicy(daily()).grid()).isEqualTo(BucketGrid.daily(BucketGrid.CHINA_STANDARD_TIME));
        assertThat(api.windowPolicy(daily()).maxBuckets()).isEqualTo(31);

        Instant now = Instant.parse("2026-03-01T04:00:00Z");
        WindowPlan plan = new WindowPlanner().plan(now.minus(Duration.ofDays(40)), now, api.windowPolicy(daily()), now);

        assertThat(plan.windows()).hasSize(2);
        for (Window window : plan.windows()) {
            JsonNode body = body(api.calls(daily(), window).get(0));
            long days = ChronoUnit.DAYS.between(LocalDate.parse(body.path("StartTime").asText()),
                    LocalDate.parse(body.path("EndTime").asText())) + 1;
            assertThat(days).isBetween(2L, 31L);
        }
    }

    @Test
    void should_plan_five_minute_buckets_of_at_most_one_day_for_five_minute_sources() {
        assertThat(api.windowPolicy(fiveMinute()).grid())
                .isEqualTo(BucketGrid.fiveMinutes(BucketGrid.CHINA_STANDARD_TIME));
        assertThat(api.windowPolicy(fiveMinute()).maxBuckets()).isEqualTo(288);
    }

    @Test
    void should_refuse_a_daily_answer_that_came_back_in_five_minute_figures() {
        ApiCall call = api.calls(daily(), SECOND_EXAMPLE_DAY).get(0);

        assertThatThrownBy(() -> api.measurements(fiveMinuteAnswer(LocalDate.parse("2022-01-02")), call))
                .isInstanceOf(CloudApiException.class).hasMessageContaining("InvalidAnswer")
                .hasMessageContaining("2022-01-02 00:05:00");
    }

    @Test
    void should_read_time_stamp_keys_and_ignore_fields_it_does_not_know() throws Exception {
        JsonNode answer = example();
        for (JsonNode entry : answer.path("UsageList")) {
            String day = entry.path("TimeKey").asText().substring(0, 10);
            ((ObjectNode) entry).put("TimeStampKey", LocalDate.parse(day).atStartOfDay(BucketGrid.CHINA_STANDARD_TIME)
                    .toEpochSecond()).put("SomethingNew", "x");
        }
        ((ObjectNode) answer).put("Total", 42);
        ApiCall call = api.calls(daily(), BOTH_EXAMPLE_DAYS).get(0);
        assertThat(api.measurements(answer, call)).hasSize(12);

        answer.path("UsageList").forEach(entry -> ((ObjectNode) entry).remove("TimeKey"));
        assertThat(api.measurements(answer, call)).hasSize(12).extracting(UsageMeasurement::periodStart)
                .containsOnly(Instant.parse("2021-12-31T16:00:00Z"), Instant.parse("2022-01-01T16:00:00Z"));
    }

    @Test
    void should_refuse_an_entry_whose_values_do_not_match_the_usage_keys() throws Exception {
        JsonNode answer = example();
        ((ArrayNode) answer.path("UsageList").get(0).path("UsageValue")).remove(5);
        ApiCall call = api.calls(daily(), BOTH_EXAMPLE_DAYS).get(0);

        assertThatThrownBy(() -> api.measurements(answer, call)).isInstanceOf(CloudApiException.class)
                .hasMessageContaining("5 UsageValue for 6 UsageKey");
    }

    @Test
    void should_reject_a_region_the_api_does_not_serve_naming_source_and_key() {
        assertThatThrownBy(() -> source(Map.of("region", "ap-shanghai")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("source 'test-source'")
                .hasMessageContaining("region").hasMessageContaining("ap-shanghai")
                .hasMessageContaining("ap-guangzhou, ap-singapore");
    }

    @Test
    void should_reject_a_missing_region() {
        assertThatThrownBy(() -> source(Map.of("region", ""))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("source 'test-source'").hasMessageContaining("region is required");
    }

    @Test
    void should_reject_an_unknown_granularity_naming_source_and_key() {
        assertThatThrownBy(() -> source(Map.of("granularity", "hourly")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("source 'test-source'")
                .hasMessageContaining("granularity").hasMessageContaining("hourly")
                .hasMessageContaining("daily, five-minute");
    }

    @Test
    void should_reject_an_app_id_that_is_not_a_number() {
        assertThatThrownBy(() -> source(Map.of("sdkAppIds", "1400123456,my-app")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("source 'test-source'")
                .hasMessageContaining("sdkAppIds").hasMessageContaining("my-app");
    }

    @Test
    void should_not_retry_the_documented_parameter_errors() {
        assertThat(TencentResponseReader.isRetriable("InvalidParameter.QueryScaleOversize")).isFalse();
        assertThat(TencentResponseReader.isRetriable("InvalidParameter.SdkAppId")).isFalse();
    }

    private JsonNode example() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/api-examples/trtc-describe-trtc-usage.json")) {
            return json.readTree(in).path("Response");
        }
    }

    private JsonNode body(ApiCall call) {
        return TencentSources.payload((TencentApiCall) call);
    }

    /** A one-day answer as the API gives it: 288 five-minute entries, Audio and HD, HD = 1 minute each. */
    private JsonNode fiveMinuteAnswer(LocalDate day) {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("UsageKey").add("Audio").add("HD");
        ArrayNode list = answer.putArray("UsageList");
        for (int i = 0; i < 288; i++) {
            ObjectNode entry = list.addObject();
            entry.put("TimeKey", day.atStartOfDay().plusMinutes(5L * i).toString().replace('T', ' ') + ":00");
            entry.putArray("UsageValue").add(i).add(1);
        }
        answer.put("RequestId", "five-minute-example");
        return answer;
    }
}
