package io.mediausage.collector.api.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.ExampleAnswerTest;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** DescribeUsageData answers that are not what the document describes are refused, not read as less usage. */
class MpsUsageAnswersTest extends ExampleAnswerTest {

    /** 2019-07-02 (UTC+8), one day: asked from 07-02 to 07-03, both days included. */
    private static final Window FIRST_DAY = new Window(Instant.parse("2019-07-01T16:00:00Z"),
            Instant.parse("2019-07-02T16:00:00Z"));

    MpsUsageAnswersTest() {
        super(new MpsUsageApi(), "DescribeUsageData", "mps-describe-usage-data.json");
    }

    static Stream<Arguments> mangles() {
        return Stream.of(
                Arguments.of("no Data", mangle(a -> a.remove("Data")), "the answer has no Data (it has RequestId)"),
                Arguments.of("Data renamed", mangle(a -> a.set("DataSet", a.remove("Data"))),
                        "the answer has no Data (it has RequestId, DataSet)"),
                Arguments.of("Data null", mangle(a -> a.putNull("Data")), "the answer has Data null"),
                Arguments.of("no Details", mangle(a -> task(a).remove("Details")),
                        "Data entry Transcode has no Details"),
                Arguments.of("no Specification", mangle(a -> detail(a).remove("Specification")),
                        "a Transcode Details entry has no Specification"),
                Arguments.of("Time in UTC", mangle(a -> item(a).put("Time", "2019-07-02T00:00:00Z")),
                        "bucket Time '2019-07-02T00:00:00Z' is not in UTC+08:00"),
                Arguments.of("day before StartTime", mangle(a -> item(a).put("Time", "2019-07-01T00:00:00+08:00")),
                        "is outside what was asked (StartTime 2019-07-02T00:00:00+08:00 to EndTime "
                                + "2019-07-03T00:00:00+08:00, both days included)"),
                Arguments.of("day after EndTime", mangle(a -> item(a).put("Time", "2019-07-04T00:00:00+08:00")),
                        "outside what was asked"),
                Arguments.of("negative Usage", mangle(a -> item(a).put("Usage", -10)),
                        "Usage is '-10', a negative figure"),
                Arguments.of("fractional Count", mangle(a -> item(a).put("Count", 1.5)),
                        "Count is '1.5', not a whole count"),
                Arguments.of("fractional Usage", mangle(a -> item(a).put("Usage", 10.5)), "not a whole count"),
                Arguments.of("Count null", mangle(a -> item(a).putNull("Count")), "Count is 'null', not a number"),
                Arguments.of("day listed twice, other figure", mangle(a -> items(a).addObject()
                                .put("Time", "2019-07-02T00:00:00+08:00").put("Count", 2).put("Usage", 10)),
                        "bucket 2019-07-01T16:00:00Z of mps:ap-guangzhou Transcode/Audio task_count is listed twice, "
                                + "with 1 and 2"));
    }

    @Test
    void should_publish_a_day_listed_twice_with_the_same_figures_once() throws Exception {
        ObjectNode answer = example();
        items(answer).add(item(answer).deepCopy());

        assertThat(measurements(answer)).hasSize(6)
                .extracting(UsageMeasurement::skuId, UsageMeasurement::metric).doesNotHaveDuplicates();
    }

    @Test
    void should_read_an_empty_data_array_as_no_usage() throws Exception {
        ObjectNode answer = example();
        answer.putArray("Data");

        assertThat(measurements(answer)).isEmpty();
    }

    @Test
    void should_filter_the_asked_end_day_outside_the_window_without_refusing_the_answer() throws Exception {
        assertThat(measurements(example()))
                .allSatisfy(m -> assertThat(m.periodStart()).isEqualTo(FIRST_DAY.start()));
    }

    @Override
    protected ApiCall call() {
        return api().calls(TestSources.source(api(), "https://mps.intl.tencentcloudapi.com", Map.of("accountId",
                "100012345678", "processRegions", "ap-guangzhou", "taskTypes", "Transcode")), FIRST_DAY).get(0);
    }

    private static ObjectNode task(JsonNode answer) {
        return (ObjectNode) answer.path("Data").get(0);
    }

    private static ObjectNode detail(JsonNode answer) {
        return (ObjectNode) task(answer).path("Details").get(0);
    }

    private static ArrayNode items(JsonNode answer) {
        return (ArrayNode) detail(answer).path("Data");
    }

    private static ObjectNode item(JsonNode answer) {
        return (ObjectNode) items(answer).get(0);
    }
}
