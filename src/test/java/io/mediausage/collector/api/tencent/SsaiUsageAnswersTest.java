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

/** DescribeStreamPackageSSAIUsage answers that are not what the document describes are refused, not read as less. */
class SsaiUsageAnswersTest extends ExampleAnswerTest {

    /** 2025-05-01 00:00 to 01:00 UTC+8: the first hour of the document's example query. */
    private static final Window FIRST_HOUR = new Window(Instant.parse("2025-04-30T16:00:00Z"),
            Instant.parse("2025-04-30T17:00:00Z"));

    SsaiUsageAnswersTest() {
        super(new SsaiUsageApi(), "DescribeStreamPackageSSAIUsage", "ssai-describe-stream-package-ssai-usage.json");
    }

    static Stream<Arguments> mangles() {
        return Stream.of(
                Arguments.of("no Info", mangle(a -> a.remove("Info")), "the answer has no Info (it has RequestId)"),
                Arguments.of("no UsageDetails", mangle(a -> info(a).remove("UsageDetails")),
                        "Info has no UsageDetails (it has AdRequestSuccess"),
                Arguments.of("UsageDetails renamed", mangle(a -> info(a).set("Details", info(a).remove("UsageDetails"))),
                        "Info has no UsageDetails (it has AdRequestSuccess, AdRequestFail, Impression, AdMarkerTime, "
                                + "ReplacedTime, MidFillRate, PreReqNum, PreReplacedNum, PreReplaceRate, Details)"),
                Arguments.of("UsageDetails null", mangle(a -> info(a).putNull("UsageDetails")),
                        "Info has UsageDetails null"),
                Arguments.of("counter null", mangle(a -> detail(a).putNull("Impression")),
                        "UsageDetails entry 66503E8E0000930000F9 Preroll has Impression null"),
                Arguments.of("counter renamed", mangle(a -> detail(a).set("Impressions", detail(a).remove("Impression"))),
                        "UsageDetails entry 66503E8E0000930000F9 Preroll has no Impression (it has UniqId"),
                Arguments.of("quartile missing in both spellings", mangle(a -> detail(a).remove("FirstQuarter")),
                        "has no FirstQuarter"),
                Arguments.of("no AdType", mangle(a -> detail(a).remove("AdType")),
                        "UsageDetails entry of channel 66503E8E0000930000F9 has no AdType"),
                Arguments.of("negative counter", mangle(a -> detail(a).put("AdRequestSuccess", -1)),
                        "AdRequestSuccess of 66503E8E0000930000F9 Preroll is '-1', a negative figure"),
                Arguments.of("fractional impressions", mangle(a -> detail(a).put("Impression", 0.5)),
                        "Impression of 66503E8E0000930000F9 Preroll is '0.5', not a whole count"),
                Arguments.of("negative time", mangle(a -> detail(a).put("AdMarkerTime", -3.5)),
                        "AdMarkerTime of 66503E8E0000930000F9 Preroll is '-3.5', a negative figure"),
                Arguments.of("row listed twice, other figure", mangle(a -> ((ArrayNode) info(a).path("UsageDetails"))
                                .add(detail(a).deepCopy().put("AdRequestSuccess", 2))),
                        "of 66503E8E0000930000F9 Preroll ad_request_success is listed twice, with 1 and 2"));
    }

    @Test
    void should_take_the_quartiles_in_the_sdks_spelling() throws Exception {
        ObjectNode answer = example();
        detail(answer).set("FirstQuartile", detail(answer).remove("FirstQuarter"));

        assertThat(measurements(answer)).hasSize(12);
    }

    @Test
    void should_take_fractional_ad_marker_and_replaced_times_which_the_model_types_as_floats() throws Exception {
        ObjectNode answer = example();
        detail(answer).put("AdMarkerTime", 12.5).put("ReplacedTime", 0.25);

        assertThat(measurements(answer)).extracting(UsageMeasurement::quantity)
                .contains(new BigDecimal("12.5"), new BigDecimal("0.25"));
    }

    @Test
    void should_read_empty_usage_details_as_no_usage() throws Exception {
        ObjectNode answer = example();
        info(answer).putArray("UsageDetails");

        assertThat(measurements(answer)).isEmpty();
    }

    @Override
    protected ApiCall call() {
        return api().calls(TestSources.source(api(), "https://mps.tencentcloudapi.com", Map.of("accountId",
                "100012345678", "region", "ap-shanghai", "granularity", "hour", "service", "mps", "version",
                "2019-06-12")), FIRST_HOUR).get(0);
    }

    private static ObjectNode info(JsonNode answer) {
        return (ObjectNode) answer.path("Info");
    }

    private static ObjectNode detail(JsonNode answer) {
        return (ObjectNode) info(answer).path("UsageDetails").get(0);
    }
}
