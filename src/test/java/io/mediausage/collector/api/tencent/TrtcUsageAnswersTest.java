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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** DescribeTrtcUsage answers that are not what the document describes are refused, not read as less usage. */
class TrtcUsageAnswersTest extends ExampleAnswerTest {

    /** 2022-01-01 and 2022-01-02 (UTC+8), the two days of the document's example, asked as they are. */
    private static final Window BOTH_EXAMPLE_DAYS = new Window(Instant.parse("2021-12-31T16:00:00Z"),
            Instant.parse("2022-01-02T16:00:00Z"));

    TrtcUsageAnswersTest() {
        super(new TrtcUsageApi(), "DescribeTrtcUsage", "trtc-describe-trtc-usage.json");
    }

    static Stream<Arguments> mangles() {
        return Stream.of(
                Arguments.of("no UsageList", mangle(a -> a.remove("UsageList")), "the answer has no UsageList"),
                Arguments.of("UsageList renamed", mangle(a -> a.set("Usages", a.remove("UsageList"))),
                        "the answer has no UsageList (it has UsageKey, RequestId, Usages)"),
                Arguments.of("UsageList null", mangle(a -> a.putNull("UsageList")), "the answer has UsageList null"),
                Arguments.of("no UsageKey", mangle(a -> a.remove("UsageKey")), "the answer has no UsageKey"),
                Arguments.of("no UsageValue", mangle(a -> entry(a).remove("UsageValue")),
                        "UsageList entry \"2022-01-01 00:00:00\" has no UsageValue"),
                Arguments.of("negative minutes", mangle(a -> ((ArrayNode) entry(a).path("UsageValue")).set(1, -20)),
                        "UsageValue of SD is '-20', a negative figure"),
                Arguments.of("day before StartTime", mangle(a -> entry(a).put("TimeKey", "2021-12-31 00:00:00")),
                        "bucket TimeKey \"2021-12-31 00:00:00\" is outside what was asked (StartTime 2022-01-01 to "
                                + "EndTime 2022-01-02, both days included)"),
                Arguments.of("TimeKey and TimeStampKey 8 hours apart", mangle(a -> entry(a)
                                .put("TimeStampKey", Instant.parse("2022-01-01T00:00:00Z").getEpochSecond())),
                        "TimeKey \"2022-01-01 00:00:00\" (UTC+8) and TimeStampKey 1640995200 "
                                + "(2022-01-01T00:00:00Z) are different times"),
                Arguments.of("day listed twice, other figure", mangle(a -> {
                    ObjectNode twin = entry(a).deepCopy();
                    ((ArrayNode) twin.path("UsageValue")).set(0, 11);
                    ((ArrayNode) a.path("UsageList")).add(twin);
                }), "of 1400123456 Audio duration is listed twice, with 10 and 11"));
    }

    @Test
    void should_take_fractional_minutes_as_they_are() throws Exception {
        ObjectNode answer = example();
        ((ArrayNode) entry(answer).path("UsageValue")).set(0, 10.25);

        assertThat(measurements(answer)).extracting(UsageMeasurement::quantity)
                .contains(new BigDecimal("10.25"));
    }

    @Test
    void should_publish_a_day_listed_twice_with_the_same_figures_once() throws Exception {
        ObjectNode answer = example();
        ((ArrayNode) answer.path("UsageList")).add(entry(answer).deepCopy());

        assertThat(measurements(answer)).hasSize(12);
    }

    @Test
    void should_read_an_empty_usage_list_as_no_usage() throws Exception {
        ObjectNode answer = example();
        answer.putArray("UsageList");

        assertThat(measurements(answer)).isEmpty();
    }

    @Override
    protected ApiCall call() {
        return api().calls(TestSources.source(api(), "https://trtc.tencentcloudapi.com", Map.of("accountId",
                "100012345678", "region", "ap-guangzhou", "granularity", "daily", "sdkAppIds", "1400123456")),
                BOTH_EXAMPLE_DAYS).get(0);
    }

    private static ObjectNode entry(JsonNode answer) {
        return (ObjectNode) answer.path("UsageList").get(0);
    }
}
