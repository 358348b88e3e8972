package io.mediausage.collector.api.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VodPlayStatsApiTest {

    private final VodPlayStatsApi api = new VodPlayStatsApi();
    private final ObjectMapper json = new ObjectMapper();

    /** The document's example: 2021-01-01 00:00 to 02:00 (UTC+8), hourly. */
    private static final Window EXAMPLE_HOURS = new Window(Instant.parse("2020-12-31T16:00:00Z"),
            Instant.parse("2020-12-31T18:00:00Z"));

    @TempDir
    Path directory;

    private UsageSource source(Map<String, String> overrides) {
        Map<String, String> parameters = new HashMap<>(Map.of("accountId", "100012345678", "granularity", "hour",
                "fileIds", "5285485487985271487"));
        parameters.putAll(overrides);
        parameters.values().removeIf(String::isEmpty);
        return TestSources.source(api, "https://vod.tencentcloudapi.com", parameters);
    }

    private UsageSource hourly() {
        return source(Map.of());
    }

    @Test
    void should_map_the_documented_example_to_plays_and_traffic_per_hour_of_the_file() throws Exception {
        ApiCall call = api.calls(hourly(), EXAMPLE_HOURS).get(0);

        List<UsageMeasurement> measurements = api.measurements(example(), call);

        Instant midnight = Instant.parse("2020-12-31T16:00:00Z");
        Instant one = Instant.parse("2020-12-31T17:00:00Z");
        assertThat(measurements).extracting(UsageMeasurement::periodStart, UsageMeasurement::metric,
                        UsageMeasurement::quantity, UsageMeasurement::unit)
                .containsExactly(
                        tuple(midnight, "plays", new BigDecimal(13), "Plays"),
                        tuple(midnight, "traffic", new BigDecimal(23434), "Bytes"),
                        tuple(one, "plays", new BigDecimal(3), "Plays"),
                        tuple(one, "traffic", new BigDecimal(2334), "Bytes"));
        assertThat(measurements).allSatisfy(m -> {
            assertThat(m.granularity()).isEqualTo(Duration.ofHours(1));
            assertThat(m.resourceId()).isEqualTo("5285485487985271487");
            assertThat(m.skuId()).isEqualTo("Playback");
        });
    }

    @Test
    void should_ask_the_window_with_its_end_as_end_time_and_the_interval_always_explicit() {
        TencentApiCall call = (TencentApiCall) api.calls(hourly(), EXAMPLE_HOURS).get(0);

        assertThat(call.service()).isEqualTo("vod");
        assertThat(call.request().action()).isEqualTo("DescribeMediaPlayStatDetails");
        assertThat(call.request().version()).isEqualTo("2018-07-17");
        assertThat(call.request().host()).isEqualTo("vod.tencentcloudapi.com");
        assertThat(call.request().region()).isNull();
        assertThat(call.request().payload()).isEqualTo("{\"FileId\":\"5285485487985271487\","
                + "\"StartTime\":\"2021-01-01T00:00:00+08:00\",\"EndTime\":\"2021-01-01T02:00:00+08:00\","
                + "\"Interval\":\"Hour\"}");
        assertThat(call.origin().serviceName()).isEqualTo("Video on Demand");
        assertThat(call.origin().regionId()).isEqualTo("global");
    }

    @Test
    void should_ask_whole_utc8_days_with_interval_day_and_the_sub_app_id() {
        Window twoDays = new Window(Instant.parse("2020-12-31T16:00:00Z"), Instant.parse("2021-01-02T16:00:00Z"));
        UsageSource daily = source(Map.of("granularity", "day", "subAppId", "1500012345", "region", "ap-guangzhou"));

        TencentApiCall call = (TencentApiCall) api.calls(daily, twoDays).get(0);

        assertThat(call.request().payload()).isEqualTo("{\"FileId\":\"5285485487985271487\","
                + "\"StartTime\":\"2021-01-01T00:00:00+08:00\",\"EndTime\":\"2021-01-03T00:00:00+08:00\","
                + "\"SubAppId\":1500012345,\"Interval\":\"Day\"}");
        assertThat(call.request().region()).isEqualTo("ap-guangzhou");
    }

    @Test
    void should_map_day_buckets_to_utc8_days() {
        Window twoDays = new Window(Instant.parse("2020-12-31T16:00:00Z"), Instant.parse("2021-01-02T16:00:00Z"));
        ApiCall call = api.calls(source(Map.of("granularity", "day")), twoDays).get(0);
        ObjectNode answer = json.createObjectNode();
        answer.putArray("PlayStatInfoSet").addObject().put("FileId", "5285485487985271487")
                .put("Time", "2021-01-02T00:00:00+08:00").put("PlayTimes", 7).put("Traffic", 700);

        assertThat(api.measurements(answer, call)).extracting(UsageMeasurement::periodStart,
                        UsageMeasurement::granularity, UsageMeasurement::metric, UsageMeasurement::quantity)
                .containsExactly(tuple(Instant.parse("2021-01-01T16:00:00Z"), Duration.ofDays(1), "plays",
                                new BigDecimal(7)),
                        tuple(Instant.parse("2021-01-01T16:00:00Z"), Duration.ofDays(1), "traffic",
                                new BigDecimal(700)));
    }

    @Test
    void should_keep_only_the_windows_buckets_whichever_way_the_server_reads_the_end() throws Exception {
        Window firstHour = new Window(Instant.parse("2020-12-31T16:00:00Z"), Instant.parse("2020-12-31T17:00:00Z"));
        ApiCall call = api.calls(hourly(), firstHour).get(0);

        assertThat(api.measurements(example(), call)).hasSize(2)
                .allSatisfy(m -> assertThat(m.periodStart()).isEqualTo(Instant.parse("2020-12-31T16:00:00Z")));
    }

    @Test
    void should_ask_once_per_file_listed_inline_and_in_the_file_list() throws Exception {
        Path list = directory.resolve("file-ids.txt");
        Files.writeString(list, """
                # files of the spring campaign
                5285485487985271490
                  5285485487985271491   # trailer

                5285485487985271487
                """);

        List<ApiCall> calls = api.calls(source(Map.of("fileIds", "5285485487985271487, 5285485487985271488",
                "fileIdsFile", list.toString())), EXAMPLE_HOURS);

        assertThat(calls).extracting(c -> TencentSources.payload((TencentApiCall) c).path("FileId").asText())
                .containsExactly("5285485487985271487", "5285485487985271488", "5285485487985271490",
                        "5285485487985271491");
    }

    @Test
    void should_read_the_file_list_again_for_every_window() throws Exception {
        Path list = directory.resolve("file-ids.txt");
        Files.writeString(list, "5285485487985271490\n");
        UsageSource source = source(Map.of("fileIds", "", "fileIdsFile", list.toString()));
        assertThat(api.calls(source, EXAMPLE_HOURS)).hasSize(1);

        Files.writeString(list, "5285485487985271490\n5285485487985271491\n");

        assertThat(api.calls(source, EXAMPLE_HOURS)).hasSize(2);
    }

    @Test
    void should_plan_a_week_of_hours_or_90_days_less_one_bucket_and_a_year_back() {
        assertThat(api.windowPolicy(hourly()).grid()).isEqualTo(BucketGrid.hourly(BucketGrid.CHINA_STANDARD_TIME));
        assertThat(api.windowPolicy(hourly()).maxBuckets()).isEqualTo(167);
        UsageSource daily = source(Map.of("granularity", "day"));
        assertThat(api.windowPolicy(daily).grid()).isEqualTo(BucketGrid.daily(BucketGrid.CHINA_STANDARD_TIME));
        assertThat(api.windowPolicy(daily).maxBuckets()).isEqualTo(89);
        assertThat(api.windowPolicy(daily).retention()).isLessThanOrEqualTo(Duration.ofDays(365));
    }

    @Test
    void should_refuse_an_answer_about_another_file() throws Exception {
        JsonNode answer = example();
        ApiCall call = api.calls(source(Map.of("fileIds", "5285485487985271488")), EXAMPLE_HOURS).get(0);

        assertThatThrownBy(() -> api.measurements(answer, call)).isInstanceOf(CloudApiException.class)
                .hasMessageContaining("InvalidAnswer");
    }

    @Test
    void should_refuse_a_time_that_is_not_the_start_of_a_bucket() throws Exception {
        JsonNode answer = example();
        ((ObjectNode) answer.path("PlayStatInfoSet").get(1)).put("Time", "2021-01-01T01:30:00+08:00");
        ApiCall call = api.calls(hourly(), EXAMPLE_HOURS).get(0);

        assertThatThrownBy(() -> api.measurements(answer, call)).isInstanceOf(CloudApiException.class)
                .hasMessageContaining("01:30");
    }

    @Test
    void should_reject_a_source_without_file_ids_naming_source_and_key() {
        assertThatThrownBy(() -> source(Map.of("fileIds", ""))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("source 'test-source'").hasMessageContaining("fileIds");
    }

    @Test
    void should_reject_a_file_list_that_cannot_be_read() {
        String missing = directory.resolve("missing.txt").toString();

        assertThatThrownBy(() -> source(Map.of("fileIds", "", "fileIdsFile", missing)))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("source 'test-source'")
                .hasMessageContaining("fileIdsFile").hasMessageContaining("missing.txt");
    }

    @Test
    void should_reject_a_file_list_without_ids() throws Exception {
        Path list = directory.resolve("file-ids.txt");
        Files.writeString(list, "# nothing yet\n\n");

        assertThatThrownBy(() -> source(Map.of("fileIds", "", "fileIdsFile", list.toString())))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("fileIdsFile")
                .hasMessageContaining("names no FileId");
    }

    @Test
    void should_reject_an_unknown_granularity_naming_source_and_key() {
        assertThatThrownBy(() -> source(Map.of("granularity", "minute"))).isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("source 'test-source'").hasMessageContaining("granularity")
                .hasMessageContaining("[day, hour]");
    }

    @Test
    void should_reject_more_than_one_or_a_non_numeric_sub_app_id() {
        assertThatThrownBy(() -> source(Map.of("subAppId", "1500012345,1500012346")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("subAppId");
        assertThatThrownBy(() -> source(Map.of("subAppId", "default")))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("subAppId");
    }

    @Test
    void should_not_retry_the_documented_parameter_errors() {
        assertThat(TencentResponseReader.isRetriable("InvalidParameterValue.FileId")).isFalse();
        assertThat(TencentResponseReader.isRetriable("InvalidParameterValue.Interval")).isFalse();
        assertThat(TencentResponseReader.isRetriable("InvalidParameterValue.StartTime")).isFalse();
        assertThat(TencentResponseReader.isRetriable("InvalidParameterValue.EndTime")).isFalse();
    }

    private JsonNode example() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/api-examples/vod-describe-media-play-stat-details.json")) {
            return json.readTree(in).path("Response");
        }
    }
}
