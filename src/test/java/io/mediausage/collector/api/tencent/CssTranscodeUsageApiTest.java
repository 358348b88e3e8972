package io.mediausage.collector.api.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.CloudApiException;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.source.SourceConfigException;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import io.mediausage.collector.window.WindowPlan;
import io.mediausage.collector.window.WindowPlanner;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CssTranscodeUsageApiTest {

    private final CssTranscodeUsageApi api = new CssTranscodeUsageApi();
    private final ObjectMapper json = new ObjectMapper();

    /** 2019-03-01 in Beijing time, the day of the document's example. */
    private static final Instant MARCH_1 = Instant.parse("2019-02-28T16:00:00Z");
    private static final Window EXAMPLE_DAY = new Window(MARCH_1, MARCH_1.plus(Duration.ofDays(1)));

    private UsageSource source(Map<String, String> overrides) {
        Map<String, String> parameters = new HashMap<>(Map.of("accountId", "100012345678", "granularity", "hourly"));
        parameters.putAll(overrides);
        parameters.values().removeIf(String::isEmpty);
        return TestSources.source(api, "https://live.tencentcloudapi.com", parameters);
    }

    private static JsonNode body(ApiCall call) {
        return TencentSources.payload((TencentApiCall) call);
    }

    private JsonNode answer(String dataInfoList) throws Exception {
        return json.readTree("{\"DataInfoList\":" + dataInfoList + ",\"RequestId\":\"r-1\"}");
    }

    @Test
    void should_sign_for_the_live_service_with_the_documented_action_and_version_and_no_region() {
        TencentApiCall call = (TencentApiCall) api.calls(source(Map.of()), EXAMPLE_DAY).get(0);

        assertThat(call.service()).isEqualTo("live");
        assertThat(call.request().action()).isEqualTo("DescribeLiveTranscodeTotalInfo");
        assertThat(call.request().version()).isEqualTo("2018-08-01");
        assertThat(call.request().region()).isNull();
        assertThat(call.request().host()).isEqualTo("live.tencentcloudapi.com");
    }

    @Test
    void should_ask_a_five_minute_day_in_beijing_time_up_to_one_second_before_the_windows_end() {
        List<ApiCall> calls = api.calls(source(Map.of("granularity", "five-minute")), EXAMPLE_DAY);

        assertThat(calls).hasSize(1);
        assertThat(body(calls.get(0)).path("StartTime").asText()).isEqualTo("2019-03-01 00:00:00");
        assertThat(body(calls.get(0)).path("EndTime").asText()).isEqualTo("2019-03-01 23:59:59");
        assertThat(body(calls.get(0)).has("PushDomains")).isFalse();
        assertThat(body(calls.get(0)).has("MainlandOrOversea")).isFalse();
    }

    @Test
    void should_ask_each_beijing_day_a_five_minute_window_touches_on_its_own() {
        Window acrossMidnight = new Window(MARCH_1.minus(Duration.ofHours(2)), MARCH_1.plus(Duration.ofHours(3)));

        List<ApiCall> calls = api.calls(source(Map.of("granularity", "five-minute")), acrossMidnight);

        assertThat(calls).extracting(call -> body(call).path("StartTime").asText(),
                call -> body(call).path("EndTime").asText())
                .containsExactly(tuple("2019-02-28 22:00:00", "2019-02-28 23:59:59"),
                        tuple("2019-03-01 00:00:00", "2019-03-01 02:59:59"));
    }

    @Test
    void should_start_an_hourly_query_of_one_day_in_the_last_hour_of_the_day_before_so_that_it_crosses_days() {
        List<ApiCall> calls = api.calls(source(Map.of()), EXAMPLE_DAY);

        assertThat(calls).hasSize(1);
        assertThat(body(calls.get(0)).path("StartTime").asText()).isEqualTo("2019-02-28 23:00:00");
        assertThat(body(calls.get(0)).path("EndTime").asText()).isEqualTo("2019-03-01 23:59:59");
    }

    @Test
    void should_ask_an_hourly_window_across_days_as_it_is() {
        Window twoDays = new Window(MARCH_1, MARCH_1.plus(Duration.ofDays(2)));

        List<ApiCall> calls = api.calls(source(Map.of()), twoDays);

        assertThat(body(calls.get(0)).path("StartTime").asText()).isEqualTo("2019-03-01 00:00:00");
        assertThat(body(calls.get(0)).path("EndTime").asText()).isEqualTo("2019-03-02 23:59:59");
    }

    @Test
    void should_ask_each_push_domain_on_its_own_from_the_windows_start_and_send_the_area() {
        UsageSource source = source(Map.of("pushDomains", "push.example.com,live.example.com",
                "mainlandOrOversea", "Oversea"));

        List<ApiCall> calls = api.calls(source, EXAMPLE_DAY);

        assertThat(calls).extracting(call -> body(call).path("PushDomains").toString(), call -> call.item().orElseThrow())
                .containsExactly(tuple("[\"push.example.com\"]", "push.example.com"),
                        tuple("[\"live.example.com\"]", "live.example.com"));
        assertThat(calls).allSatisfy(call -> {
            assertThat(body(call).path("StartTime").asText()).isEqualTo("2019-03-01 00:00:00");
            assertThat(body(call).path("MainlandOrOversea").asText()).isEqualTo("Oversea");
            assertThat(call.origin().regionId()).isEqualTo("oversea");
        });
    }

    @Test
    void should_map_the_documents_example_answer_to_minutes_of_its_resolution_in_beijing_time() throws Exception {
        ApiCall call = api.calls(source(Map.of("granularity", "five-minute")), EXAMPLE_DAY).get(0);
        JsonNode example = answer("[{\"Time\":\"2019-03-01 00:00:00\",\"Duration\":100,\"ModuleCodec\":\"\","
                + "\"Resolution\":\"540*480\"}]");

        List<UsageMeasurement> measurements = api.measurements(example, call);

        assertThat(measurements).containsExactly(new UsageMeasurement(MARCH_1, Duration.ofMinutes(5), "all-domains",
                "540*480", "duration", new BigDecimal("100"), "Minutes"));
        assertThat(call.origin().regionId()).isEqualTo("global");
    }

    @Test
    void should_key_each_codec_and_resolution_and_drop_the_hour_asked_before_the_window() throws Exception {
        ApiCall call = api.calls(source(Map.of()), EXAMPLE_DAY).get(0);
        JsonNode answer = answer("[{\"Time\":\"2019-02-28 23:00:00\",\"Duration\":7,\"ModuleCodec\":\"liveprocessor_H264\","
                + "\"Resolution\":\"1280*720\"},{\"Time\":\"2019-03-01 23:00:00\",\"Duration\":8,"
                + "\"ModuleCodec\":\"liveprocessor_H264\",\"Resolution\":\"1280*720\"},{\"Time\":\"2019-03-01 23:00:00\","
                + "\"Duration\":9,\"ModuleCodec\":\"topspeed_H265\",\"Resolution\":\"1920*1080\"}]");

        List<UsageMeasurement> measurements = api.measurements(answer, call);

        Instant lastHour = MARCH_1.plus(Duration.ofHours(23));
        assertThat(measurements).extracting(UsageMeasurement::periodStart, UsageMeasurement::skuId,
                UsageMeasurement::quantity)
                .containsExactly(tuple(lastHour, "liveprocessor_H264/1280*720", new BigDecimal("8")),
                        tuple(lastHour, "topspeed_H265/1920*1080", new BigDecimal("9")));
    }

    @Test
    void should_read_a_null_list_as_no_usage_and_refuse_a_missing_one() throws Exception {
        ApiCall call = api.calls(source(Map.of()), EXAMPLE_DAY).get(0);

        assertThat(api.measurements(answer("null"), call)).isEmpty();
        assertThatThrownBy(() -> api.measurements(json.readTree("{\"RequestId\":\"r-1\"}"), call))
                .isInstanceOf(CloudApiException.class).hasMessageContaining("DataInfoList");
    }

    @Test
    void should_refuse_five_minute_figures_for_an_hourly_source_and_times_outside_what_was_asked() throws Exception {
        ApiCall hourly = api.calls(source(Map.of()), EXAMPLE_DAY).get(0);
        ApiCall fiveMinute = api.calls(source(Map.of("granularity", "five-minute")), EXAMPLE_DAY).get(0);

        assertThatThrownBy(() -> api.measurements(answer("[{\"Time\":\"2019-03-01 10:05:00\",\"Duration\":1,"
                + "\"ModuleCodec\":\"x\",\"Resolution\":\"y\"}]"), hourly))
                .isInstanceOf(CloudApiException.class).hasMessageContaining("not the start of a PT1H bucket");
        assertThatThrownBy(() -> api.measurements(answer("[{\"Time\":\"2019-03-02 00:00:00\",\"Duration\":1,"
                + "\"ModuleCodec\":\"x\",\"Resolution\":\"y\"}]"), fiveMinute))
                .isInstanceOf(CloudApiException.class).hasMessageContaining("outside what was asked");
    }

    @Test
    void should_read_an_iso_time_with_its_offset_as_the_same_instant() throws Exception {
        ApiCall call = api.calls(source(Map.of()), EXAMPLE_DAY).get(0);

        List<UsageMeasurement> measurements = api.measurements(answer("[{\"Time\":\"2019-03-01T02:00:00Z\","
                + "\"Duration\":3,\"ModuleCodec\":\"liveprocessor_H265\",\"Resolution\":\"1920*1080\"}]"), call);

        assertThat(measurements).extracting(UsageMeasurement::periodStart)
                .containsExactly(Instant.parse("2019-03-01T02:00:00Z"));
    }

    @Test
    void should_refuse_a_negative_or_fractional_duration_the_document_types_as_integer_minutes() throws Exception {
        ApiCall call = api.calls(source(Map.of()), EXAMPLE_DAY).get(0);

        assertThatThrownBy(() -> api.measurements(answer("[{\"Time\":\"2019-03-01 02:00:00\",\"Duration\":-3,"
                + "\"ModuleCodec\":\"a\",\"Resolution\":\"b\"}]"), call)).isInstanceOf(CloudApiException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> api.measurements(answer("[{\"Time\":\"2019-03-01 02:00:00\",\"Duration\":2.5,"
                + "\"ModuleCodec\":\"a\",\"Resolution\":\"b\"}]"), call)).isInstanceOf(CloudApiException.class)
                .hasMessageContaining("not a whole count");
    }

    @Test
    void should_refuse_push_domains_in_five_minutes_and_an_unknown_area_naming_the_key() {
        assertThatThrownBy(() -> source(Map.of("granularity", "five-minute", "pushDomains", "push.example.com")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("pushDomains")
                .hasMessageContaining("hourly");
        assertThatThrownBy(() -> source(Map.of("mainlandOrOversea", "Overseas")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("mainlandOrOversea");
        assertThatThrownBy(() -> source(Map.of("granularity", "daily")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("granularity");
    }

    @Test
    void should_plan_hourly_windows_of_31_days_within_the_last_88_days() {
        Instant now = Instant.parse("2026-11-30T03:00:00Z");
        UsageSource source = source(Map.of());

        WindowPlan plan = new WindowPlanner().plan(now.minus(Duration.ofDays(120)), now, api.windowPolicy(source), now);

        assertThat(plan.windows()).allSatisfy(window ->
                assertThat(Duration.between(window.start(), window.end())).isLessThanOrEqualTo(Duration.ofDays(31)));
        assertThat(plan.windows().get(0).start()).isAfterOrEqualTo(now.minus(Duration.ofDays(88)));
    }
}
