package io.mediausage.collector.collect;

import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.api.TencentApiCall;
import org.apache.camel.builder.RouteBuilder;

/**
 * The collection of one window, shared by every source: plan the API calls, sign and send each one, read and
 * map the answers, then publish the window's events and move the source's checkpoint.
 */
public final class CollectRoutes extends RouteBuilder {

    public static final String COLLECT_WINDOW = "direct:collect-window";
    public static final String WINDOW_TASK = "usageWindowTask";
    public static final String API_CALL = "usageApiCall";
    public static final String API_URL = "usageApiUrl";
    public static final String TOPIC = "usageTopic";

    private static final String HTTP_OPTIONS = "?throwExceptionOnFailure=false";

    @Override
    public void configure() {
        from(COLLECT_WINDOW).routeId("collect-window")
                .setProperty(WINDOW_TASK, body())
                .log("Collecting ${body}")
                .process("apiCallPlanner")
                .split(body(), new EventBatchAggregation()).stopOnException()
                    .setProperty(API_CALL, body())
                    .choice()
                        .when(body().isInstanceOf(TencentApiCall.class)).to("direct:call-tencent-api")
                        .when(body().isInstanceOf(HuaweiApiCall.class)).to("direct:call-huawei-api")
                    .end()
                .end()
                .to("direct:publish-usage-events")
                .process("checkpointAdvancer");

        from("direct:call-tencent-api").routeId("call-tencent-api")
                .process("tencentSigning")
                .toD("${exchangeProperty." + API_URL + "}" + HTTP_OPTIONS)
                .process("tencentResponseReader")
                .process("usageEventMapper");

        from("direct:call-huawei-api").routeId("call-huawei-api")
                .process("huaweiSigning")
                .toD("${exchangeProperty." + API_URL + "}" + HTTP_OPTIONS)
                .process("huaweiResponseReader")
                .process("usageEventMapper");

        from("direct:publish-usage-events").routeId("publish-usage-events")
                .split(body())
                    .process("usageEventRecord")
                    .toD("kafka:${exchangeProperty." + TOPIC + "}");
    }
}
