package io.mediausage.collector.api.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.source.SourceConfigException;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MpsUsageApiTest {

    private final MpsUsageApi api = new MpsUsageApi();
    private final ObjectMapper json = new ObjectMapper();

    private UsageSource source(String regions, String types) {
        return TestSources.source(api, "https://mps.intl.tencentcloudapi.com",
                Map.of("accountId", "100012345678", "processRegions", regions, "taskTypes", types));
    }

    /** The document's example asks for 2019-07-02..2019-07-03 (UTC+8) and answers both days. */
    private static final Window BOTH_EXAMPLE_DAYS = new Window(Instant.parse("2019-07-01T16:00:00Z"),
            Instant.parse("2019-07-03T16:00:00Z"));

    @Test
    void should_map_the_documented_example_to_usage_and_task_count_per_specification_per_day() throws Exception {
        ApiCall call = api.calls(source("ap-guangzhou", "Transcode"), BOTH_EXAMPLE_DAYS).get(0);

        List<UsageMeasurement> measurements = api.measurements(example(), call);

        assertThat(measurements).hasSize(3 * 2 * 2);
        assertThat(measurements).extracting(UsageMeasurement::periodStart, UsageMeasurement::skuId,
                        UsageMeasurement::metric, UsageMeasurement::quantity, UsageMeasurement::unit)
                .contains(
                        tuple(Instant.parse("2019-07-01T16:00:00Z"), "Transcode/Audio", "usage", new BigDecimal("10"),
                                "Seconds"),
                        tuple(Instant.parse("2019-07-01T16:00:00Z"), "Transcode/Audio", "task_count",
                                new BigDecimal("1"), "Tasks"),
                        tuple(Instant.parse("2019-07-02T16:00:00Z"), "Transcode/TESHD-10.H265.4K", "usage",
                                new BigDecimal("10"), "Seconds"));
        assertThat(measurements).allSatisfy(m -> {
            assertThat(m.granularity()).isEqualTo(Duration.ofDays(1));
            assertThat(m.resourceId()).isEqualTo("mps:ap-guangzhou");
        });
    }

    @Test
    void should_drop_the_end_day_that_belongs_to_the_next_window() throws Exception {
        Window firstDayOnly = new Window(Instant.parse("2019-07-01T16:00:00Z"), Instant.parse("2019-07-02T16:00:00Z"));
        ApiCall call = api.calls(source("ap-guangzhou", "Transcode"), firstDayOnly).get(0);

        List<UsageMeasurement> measurements = api.measurements(example(), call);

        assertThat(measurements).hasSize(3 * 2)
                .allSatisfy(m -> assertThat(m.periodStart()).isEqualTo(Instant.parse("2019-07-01T16:00:00Z")));
    }

    @Test
    void should_report_each_day_whose_summary_differs_from_its_details() throws Exception {
        JsonNode transcode = example().path("Data").get(0);

        // the document's example: Summary says 22 tasks / 2200 s a day, its three details add up to 3 / 30
        assertThat(MpsUsageApi.summaryMismatches(transcode, BOTH_EXAMPLE_DAYS)).hasSize(2)
                .first().asString().contains("Count 22 Usage 2200").contains("Count 3 Usage 30");
    }

    @Test
    void should_find_no_mismatch_when_the_summary_adds_up() throws Exception {
        JsonNode answer = example();
        fixSummaries(answer);

        assertThat(MpsUsageApi.summaryMismatches(answer.path("Data").get(0), BOTH_EXAMPLE_DAYS)).isEmpty();
    }

    @Test
    void should_publish_the_details_even_when_the_summary_differs() throws Exception {
        ApiCall call = api.calls(source("ap-guangzhou", "Transcode"), BOTH_EXAMPLE_DAYS).get(0);

        assertThat(api.measurements(example(), call)).hasSize(12);
    }

    @Test
    void should_refuse_an_answer_whose_detail_lacks_its_figure_rather_than_publish_zero() throws Exception {
        JsonNode answer = example();
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer.path("Data").get(0).path("Details").get(0)
                .path("Data").get(0)).remove("Usage");
        ApiCall call = api.calls(source("ap-guangzhou", "Transcode"), BOTH_EXAMPLE_DAYS).get(0);

        assertThatThrownBy(() -> api.measurements(answer, call))
                .isInstanceOf(io.mediausage.collector.api.CloudApiException.class)
                .hasMessageContaining("InvalidAnswer").hasMessageContaining("Usage is missing");
    }

    @Test
    void should_ask_each_process_region_separately_with_the_window_in_utc_plus_8() {
        List<ApiCall> calls = api.calls(source("ap-guangzhou,ap-singapore", "Transcode,Snapshot"), BOTH_EXAMPLE_DAYS);

        assertThat(calls).hasSize(2);
        TencentApiCall first = (TencentApiCall) calls.get(0);
        assertThat(first.service()).isEqualTo("mps");
        assertThat(first.request().action()).isEqualTo("DescribeUsageData");
        assertThat(first.request().version()).isEqualTo("2019-06-12");
        assertThat(first.request().host()).isEqualTo("mps.intl.tencentcloudapi.com");
        assertThat(first.request().payload()).isEqualTo("{\"StartTime\":\"2019-07-02T00:00:00+08:00\","
                + "\"EndTime\":\"2019-07-04T00:00:00+08:00\",\"Types\":[\"Transcode\",\"Snapshot\"],"
                + "\"ProcessRegions\":[\"ap-guangzhou\"]}");
        assertThat(calls.get(1).origin().regionId()).isEqualTo("ap-singapore");
    }

    @Test
    void should_state_images_for_snapshots_and_undocumented_for_newer_task_types() throws Exception {
        JsonNode answer = example();
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer.path("Data").get(0)).put("TaskType", "Snapshot");
        fixSummaries(answer);
        ApiCall call = api.calls(source("ap-guangzhou", "Snapshot"), BOTH_EXAMPLE_DAYS).get(0);
        assertThat(api.measurements(answer, call)).filteredOn(m -> m.metric().equals("usage"))
                .allSatisfy(m -> assertThat(m.unit()).isEqualTo("Images"));

        ((com.fasterxml.jackson.databind.node.ObjectNode) answer.path("Data").get(0)).put("TaskType", "AIGCVideo");
        assertThat(api.measurements(answer, call)).filteredOn(m -> m.metric().equals("usage"))
                .allSatisfy(m -> assertThat(m.unit()).isEqualTo("Undocumented"));
    }

    @Test
    void should_reject_a_process_region_the_api_does_not_know_naming_source_and_key() {
        assertThatThrownBy(() -> source("ap-guangzhou,mars-1", "Transcode"))
                .isInstanceOf(SourceConfigException.class)
                .hasMessageContaining("source 'test-source'").hasMessageContaining("processRegions")
                .hasMessageContaining("mars-1");
    }

    @Test
    void should_reject_an_unknown_task_type() {
        assertThatThrownBy(() -> source("ap-guangzhou", "Transcoding"))
                .isInstanceOf(SourceConfigException.class).hasMessageContaining("taskTypes");
    }

    private JsonNode example() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/api-examples/mps-describe-usage-data.json")) {
            return json.readTree(in).path("Response");
        }
    }

    /** The documented example's Summary (22 tasks, 2200 s a day) is not the sum of its three details (3, 30). */
    private static void fixSummaries(JsonNode answer) {
        for (JsonNode item : answer.path("Data").get(0).path("Summary")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) item).put("Count", 3).put("Usage", 30);
        }
    }
}
