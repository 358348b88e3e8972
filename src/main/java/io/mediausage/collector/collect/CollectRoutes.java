package io.mediausage.collector.collect;

import io.mediausage.collector.exchange.UsageExchange;
import java.time.Clock;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes every source shares, which a {@link WindowRunner} drives: an API call (under its rate limit, signed,
 * over HTTP, read and mapped to events, retried on transient faults), the publishing of a window's events with its
 * checkpoint in one Kafka transaction, and the log line and metric of a window that failed.
 * A call that fails for good goes to the dead-letter topic and fails its window, which then publishes nothing;
 * unless the cloud's error is about the call's item (a FileId it does not know): then that item fails, the window
 * publishes the others, and a gap is recorded for the item. That error handling is the call route's configuration,
 * {@link ApiCallErrorHandling}.
 */
public final class CollectRoutes extends RouteBuilder {

    public static final String CALL_API = "direct:call-api";
    public static final String PUBLISH_WINDOW = "direct:publish-window";
    public static final String WINDOW_PUBLISHED = "direct:window-published";
    public static final String WINDOW_FAILED = "direct:window-failed";
    private static final String HTTP_OPTIONS = "?throwExceptionOnFailure=false";

    @Override
    public void configure() throws Exception {
        WindowDeadline windowDeadline = new WindowDeadline(Clock.systemUTC());

        from(PUBLISH_WINDOW).routeId("publish-window")
                .errorHandler(noErrorHandler()) // a failure goes back to the window runner
                .process("windowPublisher") // and the ready windows following it, which the runner tells of alone
                .to(WINDOW_PUBLISHED);

        from(WINDOW_PUBLISHED).routeId("window-published")
                .errorHandler(noErrorHandler())
                .process("usageWindowPublished")
                .filter(exchangeProperty(UsageExchange.WINDOW_EVENTS).isNotNull()) // the whole window, not one of its parts
                    .log(LoggingLevel.INFO, "publish-window", "Published ${exchangeProperty."
                            + UsageExchange.WINDOW_TASK + "}: ${exchangeProperty." + UsageExchange.WINDOW_EVENTS
                            + "} event(s)");

        from(WINDOW_FAILED).routeId("window-failed")
                .process("usageWindowFailed")
                .log(LoggingLevel.ERROR, "Window failed, nothing of it published: ${body}");

        from(CALL_API).routeId("call-api")
                .routeConfigurationId(ApiCallErrorHandling.ID) // retries, dead letters and item failures
                .setProperty(UsageExchange.API_CALL, body())
                .process("logContext")
                .to("direct:call-cloud-api");

        // each attempt (a retry starts here again) takes its rate-limit permit, then signs afresh (the signature carries
        // the time) from the call kept in an exchange property, and is sent at once. The signer and the answer reader
        // are the beans of the call's protocol (tencentSigning, huaweiResponseReader...): a new cloud adds those two
        // beans and nothing here
        from("direct:call-cloud-api").routeId("call-cloud-api").errorHandler(noErrorHandler())
                .removeProperty(UsageExchange.CLOUD_REQUEST_ID) // the previous attempt's answer is not this one's
                .process(windowDeadline.check())
                .process("apiRateLimit") // every attempt, retries too, waits its turn just before it is signed and sent
                .process("ownedSourceCheck") // a permit waited for by a replica that lost the source is not used
                .process(new ProtocolStep("Signing"))
                .toD("${exchangeProperty." + UsageExchange.API_URL + "}" + HTTP_OPTIONS)
                .process(new ProtocolStep("ResponseReader"))
                .process("usageEventMapper")
                .process("usageApiCallSucceeded");

        from("direct:usage-dead-letter").routeId("usage-dead-letter")
                .process("deadLetterRecord")
                .log(LoggingLevel.ERROR, "Dead letter: ${body}")
                .to("{{usage.dead-letter-endpoint}}");
    }
}
