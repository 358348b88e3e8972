package io.mediausage.collector.api.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.ExampleAnswerTest;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** DescribeMediaPlayStatDetails answers that are not what the document describes are refused, not read as less. */
class VodPlayStatsAnswersTest extends ExampleAnswerTest {

    /** The document's example: 2021-01-01 00:00 to 02:00 (UTC+8), hourly. */
    private static final Window EXAMPLE_HOURS = new Window(Instant.parse("2020-12-31T16:00:00Z"),
            Instant.parse("2020-12-31T18:00:00Z"));

    VodPlayStatsAnswersTest() {
        super(new VodPlayStatsApi(), "DescribeMediaPlayStatDetails", "vod-describe-media-play-stat-details.json");
    }

    static Stream<Arguments> mangles() {
        return Stream.of(
                Arguments.of("no PlayStatInfoSet", mangle(a -> a.remove("PlayStatInfoSet")),
                        "the answer has no PlayStatInfoSet (it has RequestId)"),
                Arguments.of("PlayStatInfoSet renamed", mangle(a -> a.set("PlayStatInfos", a.remove("PlayStatInfoSet"))),
                        "the answer has no PlayStatInfoSet (it has RequestId, PlayStatInfos)"),
                Arguments.of("PlayStatInfoSet null", mangle(a -> a.putNull("PlayStatInfoSet")),
                        "the answer has PlayStatInfoSet null"),
                Arguments.of("hour in UTC", mangle(a -> stat(a).put("Time", "2021-01-01T00:00:00Z")),
                        "bucket Time '2021-01-01T00:00:00Z' is not in UTC+08:00"),
                Arguments.of("hour before StartTime", mangle(a -> stat(a).put("Time", "2020-12-31T23:00:00+08:00")),
                        "bucket Time \"2020-12-31T23:00:00+08:00\" is outside what was asked (StartTime "
                                + "2021-01-01T00:00:00+08:00 to EndTime 2021-01-01T02:00:00+08:00)"),
                Arguments.of("hour after EndTime", mangle(a -> stat(a).put("Time", "2021-01-01T03:00:00+08:00")),
                        "outside what was asked"),
                Arguments.of("negative plays", mangle(a -> stat(a).put("PlayTimes", -13)),
                        "PlayTimes is '-13', a negative figure"),
                Arguments.of("fractional plays", mangle(a -> stat(a).put("PlayTimes", 12.5)),
                        "PlayTimes is '12.5', not a whole count"),
                Arguments.of("negative traffic", mangle(a -> stat(a).put("Traffic", -1)), "Traffic is '-1'"),
                Arguments.of("no PlayTimes", mangle(a -> stat(a).remove("PlayTimes")), "PlayTimes is missing"),
                Arguments.of("hour listed twice, other figure", mangle(a -> ((ArrayNode) a.path("PlayStatInfoSet"))
                                .add(stat(a).deepCopy().put("PlayTimes", 14))),
                        "bucket 2020-12-31T16:00:00Z of 5285485487985271487 Playback plays is listed twice, "
                                + "with 13 and 14"));
    }

    @Test
    void should_publish_an_hour_listed_twice_with_the_same_figures_once() throws Exception {
        ObjectNode answer = example();
        ((ArrayNode) answer.path("PlayStatInfoSet")).add(stat(answer).deepCopy());

        assertThat(measurements(answer)).hasSize(4);
    }

    @Test
    void should_read_an_empty_set_as_no_plays() throws Exception {
        ObjectNode answer = example();
        answer.putArray("PlayStatInfoSet");

        assertThat(measurements(answer)).isEmpty();
    }

    @Test
    void should_filter_a_bucket_starting_at_end_time_without_refusing_the_answer() throws Exception {
        ObjectNode answer = example();
        ((ArrayNode) answer.path("PlayStatInfoSet")).add(stat(answer).deepCopy()
                .put("Time", "2021-01-01T02:00:00+08:00"));

        assertThat(measurements(answer)).hasSize(4)
                .allSatisfy(m -> assertThat(EXAMPLE_HOURS.containsBucket(m.periodStart())).isTrue());
    }

    @Override
    protected ApiCall call() {
        return api().calls(TestSources.source(api(), "https://vod.tencentcloudapi.com", Map.of("accountId",
                "100012345678", "granularity", "hour", "fileIds", "5285485487985271487")), EXAMPLE_HOURS).get(0);
    }

    private static ObjectNode stat(JsonNode answer) {
        return (ObjectNode) answer.path("PlayStatInfoSet").get(0);
    }
}
