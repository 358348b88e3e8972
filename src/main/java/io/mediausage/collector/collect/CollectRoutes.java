package io.mediausage.collector.collect;

import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.api.TencentApiCall;
import java.util.concurrent.ExecutorService;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The collection of one window, shared by every source: plan the API calls, make them (in parallel, under the
 * rate limits, each retried on transient faults), then publish the window's events and its checkpoint in one
 * Kafka transaction.
 * A call that fails for good goes to the dead-letter topic and fails the window, which then publishes nothing.
 */
public final class CollectRoutes extends RouteBuilder {

    public static final String COLLECT_WINDOW = "direct:collect-window";
    public static final String WINDOW_TASK = "usageWindowTask";
    public static final String API_CALL = "usageApiCall";
    public static final String API_URL = "usageApiUrl";
    public static final String TOPIC = "usageTopic";

    private static final String HTTP_OPTIONS = "?throwExceptionOnFailure=false";

    private int intProperty(String key) {
        return Integer.parseInt(getContext().resolvePropertyPlaceholders("{{" + key + "}}"));
    }

    @Override
    public void configure() {
        ExecutorService callPool = getContext().getExecutorServiceManager().newFixedThreadPool(this, "usage-api-calls",
                intProperty("usage.http.parallel-calls"));
        RetryPolicy retryPolicy = new RetryPolicy(intProperty("usage.retry.max-attempts"));

        from(COLLECT_WINDOW).routeId("collect-window")
                .errorHandler(noErrorHandler()) // failures go back to the caller: the scheduled run or the CLI
                // metrics: as the window leaves this route (also from a split), if it failed
                .onCompletion().modeBeforeConsumer().onFailureOnly().process("usageWindowFailed").end()
                .setProperty(WINDOW_TASK, body())
                .log("Collecting ${body}")
                .process("apiCallPlanner")
                .split(body(), new EventBatchAggregation()).stopOnException().parallelProcessing()
                        .executorService(callPool)
                    .to("direct:call-api")
                .end()
                .process("windowPublisher")
                .process("usageWindowPublished");

        from("direct:call-api").routeId("call-api")
                .onException(Exception.class)
                    .retryWhile(retryPolicy)
                    .redeliveryDelay("{{usage.retry.initial-delay-ms}}")
                    .useExponentialBackOff().backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{usage.retry.max-delay-ms}}")
                    .useCollisionAvoidance()
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logStackTrace(false)
                    .onRedeliveryRef("usageApiCallFailed") // metrics: each failed attempt before a retry...
                    .handled(false)
                    .process("usageApiCallFailed") // ...and the last one
                    .to("direct:usage-dead-letter")
                .end()
                .setProperty(API_CALL, body())
                .process("apiRateLimit")
                .choice()
                    .when(exchangeProperty(API_CALL).isInstanceOf(TencentApiCall.class)).to("direct:call-tencent-api")
                    .when(exchangeProperty(API_CALL).isInstanceOf(HuaweiApiCall.class)).to("direct:call-huawei-api")
                .end()
                .process("usageApiCallSucceeded");

        // each attempt signs afresh (the signature carries the time), from the call kept in an exchange property
        from("direct:call-tencent-api").routeId("call-tencent-api").errorHandler(noErrorHandler())
                .process("tencentSigning")
                .toD("${exchangeProperty." + API_URL + "}" + HTTP_OPTIONS)
                .process("tencentResponseReader")
                .process("usageEventMapper");

        from("direct:call-huawei-api").routeId("call-huawei-api").errorHandler(noErrorHandler())
                .process("huaweiSigning")
                .toD("${exchangeProperty." + API_URL + "}" + HTTP_OPTIONS)
                .process("huaweiResponseReader")
                .process("usageEventMapper");

        from("direct:usage-dead-letter").routeId("usage-dead-letter")
                .process("deadLetterRecord")
                .log(LoggingLevel.ERROR, "Dead letter: ${body}")
                .to("{{usage.dead-letter-endpoint}}");
    }
}
