package io.mediausage.collector.collect;

import io.mediausage.collector.api.CloudApiException;
import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.api.TencentApiCall;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.mdc.MDCProcessorsInterceptStrategy;
import org.apache.camel.mdc.MDCService;

/**
 * The collection of one window, shared by every source: plan the API calls, make them (in parallel, under the
 * rate limits, each retried on transient faults), then publish the window's events and its checkpoint in one
 * Kafka transaction.
 * A call that fails for good goes to the dead-letter topic and fails the window, which then publishes nothing;
 * unless the cloud's error is about the call's item (a FileId it does not know): then that item fails, the window
 * publishes the others, and a gap is recorded for the item.
 */
public final class CollectRoutes extends RouteBuilder {

    public static final String COLLECT_WINDOW = "direct:collect-window";
    public static final String WINDOW_TASK = "usageWindowTask";
    public static final String API_CALL = "usageApiCall";
    public static final String API_URL = "usageApiUrl";
    public static final String TOPIC = "usageTopic";
    /** The items of a window that failed ({@link ItemFailure}s) and those that were collected (their names). */
    public static final String FAILED_ITEMS = "usageFailedItems";
    public static final String COLLECTED_ITEMS = "usageCollectedItems";

    // what is being collected, for the logs: camel-mdc copies these exchange properties into the MDC of every line
    // logged while the exchange is processed (camel.mdc.custom-properties in application.properties)
    public static final String SOURCE = "usageSource";
    public static final String WINDOW = "usageWindow";
    public static final String API_ACTION = "usageApiAction";
    /** The RequestId of the cloud's answer to the current attempt of an API call, once it is read. */
    public static final String CLOUD_REQUEST_ID = "usageCloudRequestId";

    private static final String HTTP_OPTIONS = "?throwExceptionOnFailure=false";

    private int intProperty(String key) {
        return Integer.parseInt(getContext().resolvePropertyPlaceholders("{{" + key + "}}"));
    }

    @Override
    public void configure() throws Exception {
        ExecutorService callPool = getContext().getExecutorServiceManager().newFixedThreadPool(this, "usage-api-calls",
                intProperty("usage.http.parallel-calls"));
        int maxAttempts = intProperty("usage.retry.max-attempts");
        WindowDeadline windowDeadline = new WindowDeadline(Clock.systemUTC());
        RetryPolicy retryPolicy = new RetryPolicy(maxAttempts, windowDeadline);
        Duration windowTime = Duration.parse(getContext().resolvePropertyPlaceholders("{{usage.window.deadline}}"));

        from(COLLECT_WINDOW).routeId("collect-window")
                .errorHandler(noErrorHandler()) // failures go back to the caller: the scheduled run or the CLI
                // metrics: as the window leaves this route (also from a split), if it failed
                .onCompletion().modeBeforeConsumer().onFailureOnly().process("usageWindowFailed").end()
                .setProperty(WINDOW_TASK, body())
                .process(windowDeadline.start(windowTime))
                .process("logContext")
                .log("Collecting ${body}")
                .process("apiCallPlanner")
                .split(body(), new EventBatchAggregation()).stopOnException().parallelProcessing()
                        .executorService(callPool)
                        // the window goes on on this thread once its calls are done, not on the last call's pool
                        // thread: camel-mdc 4.18 sets a processor's MDC on the thread it starts on and restores it on
                        // the thread it ends on, so a window ending elsewhere left its keys on this thread for good
                        .synchronous()
                    .to("direct:call-api")
                .end()
                // the events came back on the first call's exchange, with that call's properties: drop them, so that
                // the window's own log lines do not name that call
                .removeProperties(String.join("|", API_CALL, API_URL, API_ACTION, CLOUD_REQUEST_ID))
                .process("windowPublisher")
                .process("usageWindowPublished");

        from("direct:call-api").routeId("call-api")
                // the cloud's error about the call's item (a FileId it does not know) fails that item, not the window
                .onException(CloudApiException.class).onWhen(ItemFailureOutcome.IS_ITEM_ERROR)
                    // not handled(true), which would stop the window's split as a failure: the call ends with its
                    // ItemFailure as body, as a call that succeeded ends with its events
                    .continued(true)
                    .process("usageApiCallFailed")
                    .process("usageItemFailed")
                    .to("direct:usage-dead-letter")
                    .process("itemFailureOutcome")
                .end()
                // Throwable: an Error in a call (out of memory on a huge answer) fails its window like any failure
                .onException(Throwable.class)
                    .retryWhile(retryPolicy)
                    .redeliveryDelay("{{usage.retry.initial-delay-ms}}")
                    .useExponentialBackOff().backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{usage.retry.max-delay-ms}}")
                    .useCollisionAvoidance()
                    .logRetryAttempted(false) // ApiCallRetryLog's line instead, with the RequestId
                    .logStackTrace(false)
                    .onRedelivery(beforeRetry(maxAttempts)) // each failed attempt before a retry...
                    .handled(false)
                    .process("usageApiCallFailed") // ...and the last one
                    .to("direct:usage-dead-letter")
                .end()
                .setProperty(API_CALL, body())
                .process("logContext")
                .process("apiRateLimit")
                .choice()
                    .when(exchangeProperty(API_CALL).isInstanceOf(TencentApiCall.class)).to("direct:call-tencent-api")
                    .when(exchangeProperty(API_CALL).isInstanceOf(HuaweiApiCall.class)).to("direct:call-huawei-api")
                .end();

        // each attempt signs afresh (the signature carries the time), from the call kept in an exchange property
        from("direct:call-tencent-api").routeId("call-tencent-api").errorHandler(noErrorHandler())
                .removeProperty(CLOUD_REQUEST_ID) // the previous attempt's answer is not this one's
                .process(windowDeadline.check())
                .process("tencentSigning")
                .toD("${exchangeProperty." + API_URL + "}" + HTTP_OPTIONS)
                .process("tencentResponseReader")
                .process("usageEventMapper")
                .process("usageApiCallSucceeded");

        from("direct:call-huawei-api").routeId("call-huawei-api").errorHandler(noErrorHandler())
                .removeProperty(CLOUD_REQUEST_ID) // the previous attempt's answer is not this one's
                .process(windowDeadline.check())
                .process("huaweiSigning")
                .toD("${exchangeProperty." + API_URL + "}" + HTTP_OPTIONS)
                .process("huaweiResponseReader")
                .process("usageEventMapper")
                .process("usageApiCallSucceeded");

        from("direct:usage-dead-letter").routeId("usage-dead-letter")
                .process("deadLetterRecord")
                .log(LoggingLevel.ERROR, "Dead letter: ${body}")
                .to("{{usage.dead-letter-endpoint}}");
    }

    /**
     * Before each retry: count the failed attempt (metrics) and log it. The error handler calls this itself, not as
     * a route node, so camel-mdc (when enabled: camel-main adds its service before it configures routes) is asked to
     * wrap it as it wraps the route's processors.
     */
    private Processor beforeRetry(int maxAttempts) throws Exception {
        Processor failedAttempt = getContext().getRegistry().lookupByNameAndType("usageApiCallFailed", Processor.class);
        Processor retryLog = new ApiCallRetryLog(maxAttempts);
        Processor beforeRetry = exchange -> {
            failedAttempt.process(exchange);
            retryLog.process(exchange);
        };
        MDCService mdc = getContext().hasService(MDCService.class);
        return mdc == null ? beforeRetry
                : new MDCProcessorsInterceptStrategy(mdc).wrapProcessorInInterceptors(getContext(), null, beforeRetry, null);
    }
}
