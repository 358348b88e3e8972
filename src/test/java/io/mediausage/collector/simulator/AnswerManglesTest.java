package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.AK;
import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static io.mediausage.collector.simulator.SimFixture.PROJECT;
import static io.mediausage.collector.simulator.SimFixture.SK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ANSWER_* faults alter a success answer as their kind says, once per call they are set for. */
class AnswerManglesTest {

    static final String MPS_BODY = "{\"StartTime\":\"2024-03-01T00:00:00+08:00\",\"EndTime\":\"2024-03-02T00:00:00+08:00\"}";
    static final String HW_QUERY = "start_time=2024-03-09T07%3A00%3A00Z&end_time=2024-03-09T08%3A00%3A00Z";
    static final String CSS_BODY = "{\"StartTime\":\"2024-03-09 00:00:00\",\"EndTime\":\"2024-03-09 23:59:59\"}";

    CloudApiSimulator sim;
    SimClient client;

    @BeforeEach
    void start() {
        sim = CloudApiSimulator.start(SimFixture.config().build());
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    JsonNode mps() {
        return client.tencent(Api.MPS_USAGE, ID, KEY).body(MPS_BODY).response();
    }

    JsonNode firstItem(JsonNode mps) {
        return mps.path("Data").get(0).path("Details").get(0).path("Data");
    }

    HttpResponse<String> hw() {
        return client.huawei(AK, SK, PROJECT, HW_QUERY).send();
    }

    @Test
    void should_drop_or_rename_the_array_of_buckets_for_one_call_only() {
        sim.faults().nextCalls(FaultKind.ANSWER_WITHOUT_ARRAY, 1, Api.MPS_USAGE)
                .nextCalls(FaultKind.ANSWER_ARRAY_RENAMED, 1, Api.MPS_USAGE);

        JsonNode dropped = mps();
        JsonNode renamed = mps();

        assertThat(dropped.has("Data")).isFalse();
        assertThat(dropped.path("RequestId").asText()).isNotBlank();
        assertThat(renamed.has("Data")).isFalse();
        assertThat(renamed.path("Data_renamed")).isEqualTo(mps().path("Data"));
        assertThat(sim.calls()).extracting(RecordedCall::fault).containsExactly(FaultKind.ANSWER_WITHOUT_ARRAY,
                FaultKind.ANSWER_ARRAY_RENAMED, null);
        assertThat(sim.calls()).allMatch(RecordedCall::ok);
    }

    @Test
    void should_add_a_css_bucket_a_day_before_the_asked_start_in_beijing_time() {
        sim.faults().nextCalls(FaultKind.ANSWER_BUCKET_OUTSIDE_ASKED, 1, Api.CSS_TRANSCODE);

        JsonNode buckets = client.tencent(Api.CSS_TRANSCODE, ID, KEY).body(CSS_BODY).response().path("DataInfoList");

        assertThat(buckets.get(buckets.size() - 1).path("Time").asText()).isEqualTo("2024-03-08 00:00:00");
        assertThat(sim.calls()).extracting(RecordedCall::fault).containsExactly(FaultKind.ANSWER_BUCKET_OUTSIDE_ASKED);
    }

    @Test
    void should_list_the_first_bucket_twice_with_the_same_or_another_figure() {
        JsonNode clean = firstItem(mps());
        sim.faults().nextCalls(FaultKind.ANSWER_DUPLICATE_BUCKET, 1)
                .nextCalls(FaultKind.ANSWER_DUPLICATE_BUCKET_OTHER_FIGURE, 1);

        JsonNode same = firstItem(mps());
        JsonNode other = firstItem(mps());

        assertThat(same).hasSize(clean.size() + 1);
        assertThat(same.get(same.size() - 1)).isEqualTo(clean.get(0));
        JsonNode twin = other.get(other.size() - 1);
        assertThat(twin.path("Time")).isEqualTo(clean.get(0).path("Time"));
        assertThat(twin.path("Usage").decimalValue()).isEqualByComparingTo(
                clean.get(0).path("Usage").decimalValue().add(java.math.BigDecimal.ONE));
    }

    @Test
    void should_make_a_figure_negative_a_count_fractional_and_a_time_of_the_wrong_offset() {
        JsonNode clean = firstItem(mps()).get(0);
        sim.faults().nextCalls(FaultKind.ANSWER_NEGATIVE_FIGURE, 1).nextCalls(FaultKind.ANSWER_FRACTIONAL_COUNT, 1)
                .nextCalls(FaultKind.ANSWER_WRONG_OFFSET, 1);

        assertThat(firstItem(mps()).get(0).path("Usage").decimalValue()).isNegative();
        assertThat(firstItem(mps()).get(0).path("Count").decimalValue()).isEqualByComparingTo(
                clean.path("Count").decimalValue().add(new java.math.BigDecimal("0.5")));
        assertThat(firstItem(mps()).get(0).path("Time").asText())
                .isEqualTo(clean.path("Time").asText().replace("+08:00", "Z"));
    }

    @Test
    void should_add_a_bucket_the_day_before_the_asked_start() {
        sim.faults().nextCalls(FaultKind.ANSWER_BUCKET_OUTSIDE_ASKED, 1);

        JsonNode items = firstItem(mps());

        assertThat(items.get(items.size() - 1).path("Time").asText()).isEqualTo("2024-02-29T00:00:00+08:00");
    }

    @Test
    void should_answer_huawei_with_an_empty_or_null_body_a_utc8_time_or_an_hour_before_the_asked_start() {
        sim.faults().nextCalls(FaultKind.ANSWER_EMPTY_BODY, 1).nextCalls(FaultKind.ANSWER_NULL_BODY, 1)
                .nextCalls(FaultKind.ANSWER_WRONG_OFFSET, 1, Api.HUAWEI_TRANSCODE)
                .nextCalls(FaultKind.ANSWER_BUCKET_OUTSIDE_ASKED, 1, Api.HUAWEI_TRANSCODE);

        HttpResponse<String> empty = hw();
        HttpResponse<String> nul = hw();
        JsonNode offset = SimClient.parse(hw().body());
        JsonNode outside = SimClient.parse(hw().body());

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(empty.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(nul.body()).isEqualTo("null");
        assertThat(offset.path("transcode_data_list").get(0).path("time").asText())
                .isEqualTo("2024-03-09T07:00:00+08:00");
        JsonNode samples = outside.path("transcode_data_list");
        assertThat(samples.get(samples.size() - 1).path("time").asText()).isEqualTo("2024-03-09T06:00:00Z");
    }

    @Test
    void should_null_or_rename_an_ssai_counter_and_leave_other_apis_alone() {
        sim.faults().nextCalls(FaultKind.ANSWER_NULL_COUNTER, 1).nextCalls(FaultKind.ANSWER_COUNTER_RENAMED, 1);
        String window = "{\"StartTime\":\"2024-03-09T00+08:00\",\"EndTime\":\"2024-03-09T01+08:00\"}";

        JsonNode untouched = mps();
        JsonNode nulled = client.tencent(Api.SSAI_USAGE, ID, KEY).region("ap-shanghai").body(window).response();
        JsonNode renamed = client.tencent(Api.SSAI_USAGE, ID, KEY).region("ap-shanghai").body(window).response();

        assertThat(untouched.path("Data")).isNotEmpty();
        assertThat(nulled.path("Info").path("UsageDetails").get(0).get("Impression").isNull()).isTrue();
        JsonNode detail = renamed.path("Info").path("UsageDetails").get(0);
        assertThat(detail.has("Impression")).isFalse();
        assertThat(detail.has("Impressions")).isTrue();
    }

    @Test
    void should_write_a_trtc_time_key_in_utc_and_keep_its_time_stamp_key() {
        sim.faults().nextCalls(FaultKind.ANSWER_WRONG_OFFSET, 1);
        String day = "{\"StartTime\":\"2024-03-01\",\"EndTime\":\"2024-03-02\"}";

        JsonNode entry = client.tencent(Api.TRTC_USAGE, ID, KEY).region("ap-guangzhou").body(day).response()
                .path("UsageList").get(0);

        assertThat(entry.path("TimeKey").asText()).isEqualTo("2024-02-29 16:00:00");
        assertThat(entry.path("TimeStampKey").asLong())
                .isEqualTo(java.time.Instant.parse("2024-02-29T16:00:00Z").getEpochSecond());
    }
}
