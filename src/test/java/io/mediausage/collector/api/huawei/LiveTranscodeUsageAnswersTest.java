package io.mediausage.collector.api.huawei;

import static io.mediausage.collector.api.Refusals.assertRefused;
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

/** ListTranscodeData answers that are not what the document describes are refused, not read as less usage. */
class LiveTranscodeUsageAnswersTest extends ExampleAnswerTest {

    /** 07:00 UTC, asked from 07:00 to 08:00 with both hours included, as the document's example. */
    private static final Window ONE_HOUR = new Window(Instant.parse("2020-08-18T07:00:00Z"),
            Instant.parse("2020-08-18T08:00:00Z"));

    LiveTranscodeUsageAnswersTest() {
        super(new LiveTranscodeUsageApi(), "ListTranscodeData", "huawei-list-transcode-data.json");
    }

    static Stream<Arguments> mangles() {
        return Stream.of(
                Arguments.of("no transcode_data_list", mangle(a -> a.remove("transcode_data_list")),
                        "the answer has no transcode_data_list (it has summary_list)"),
                Arguments.of("transcode_data_list renamed",
                        mangle(a -> a.set("transcode_data", a.remove("transcode_data_list"))),
                        "the answer has no transcode_data_list (it has summary_list, transcode_data)"),
                Arguments.of("transcode_data_list null", mangle(a -> a.putNull("transcode_data_list")),
                        "the answer has transcode_data_list null"),
                Arguments.of("sample without time", mangle(a -> sample(a).remove("time")),
                        "a transcode_data_list sample has no time"),
                Arguments.of("sample without spec_list", mangle(a -> sample(a).remove("spec_list")),
                        "the sample of 2020-08-18T07:00:00Z has no spec_list"),
                Arguments.of("spec without type", mangle(a -> spec(a).remove("type")),
                        "a spec_list entry of 2020-08-18T07:00:00Z has no type"),
                Arguments.of("spec value null", mangle(a -> spec(a).putNull("value")),
                        "spec H265_PVC_SD of 2020-08-18T07:00:00Z has value null"),
                Arguments.of("time in UTC+8", mangle(a -> sample(a).put("time", "2020-08-18T07:00:00+08:00")),
                        "sample time \"2020-08-18T07:00:00+08:00\" is not a UTC time of the form"),
                Arguments.of("hour before start_time", mangle(a -> sample(a).put("time", "2020-08-18T06:00:00Z")),
                        "bucket time \"2020-08-18T06:00:00Z\" is outside what was asked (start_time "
                                + "2020-08-18T07:00:00Z to end_time 2020-08-18T08:00:00Z, both hours included)"),
                Arguments.of("hour after end_time", mangle(a -> sample(a).put("time", "2020-08-18T09:00:00Z")),
                        "outside what was asked"),
                Arguments.of("negative minutes", mangle(a -> spec(a).put("value", -256.23)),
                        "value of H265_PVC_SD is '-256.23', a negative figure"),
                Arguments.of("hour listed twice, other figure", mangle(a -> {
                    ObjectNode twin = sample(a).deepCopy();
                    ((ObjectNode) twin.path("spec_list").get(0)).put("value", 1.5);
                    ((ArrayNode) a.path("transcode_data_list")).add(twin);
                }), "bucket 2020-08-18T07:00:00Z of all-publish-domains H265_PVC_SD transcode_duration is listed "
                        + "twice, with 256.23 and 1.5"));
    }

    @Test
    void should_refuse_an_empty_body_handed_to_it() {
        assertRefused(() -> measurements(JSON.missingNode()), "the answer body is empty");
        assertRefused(() -> measurements(JSON.nullNode()), "the answer body is 'null'");
    }

    @Test
    void should_publish_an_hour_listed_twice_with_the_same_figures_once() throws Exception {
        ObjectNode answer = example();
        ((ArrayNode) answer.path("transcode_data_list")).add(sample(answer).deepCopy());

        assertThat(measurements(answer)).hasSize(2);
    }

    @Test
    void should_read_an_empty_list_as_no_usage() throws Exception {
        ObjectNode answer = example();
        answer.putArray("transcode_data_list");

        assertThat(measurements(answer)).isEmpty();
    }

    @Override
    protected ApiCall call() {
        return api().calls(TestSources.source(api(), "https://live.cn-north-4.myhuaweicloud.com", Map.of("projectId",
                "0a1b2c3d4e5f", "region", "cn-north-4")), ONE_HOUR).get(0);
    }

    private static ObjectNode sample(JsonNode answer) {
        return (ObjectNode) answer.path("transcode_data_list").get(0);
    }

    private static ObjectNode spec(JsonNode answer) {
        return (ObjectNode) sample(answer).path("spec_list").get(0);
    }
}
