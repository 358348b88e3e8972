package io.mediausage.collector.collect;

import io.mediausage.collector.api.CloudApiException;
import io.mediausage.collector.group.SourceNotOwnedException;
import java.time.Clock;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.mdc.MDCProcessorsInterceptStrategy;
import org.apache.camel.mdc.MDCService;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * What becomes of an API call that fails, as the route configuration {@value #ID} that the call route of
 * {@link CollectRoutes} refers to: a transient fault is retried with backoff while its window's deadline allows; a
 * call that fails for good goes to the dead-letter topic and fails its window; the cloud's error about the call's
 * item fails that item only; a source gone to another replica fails its window with no dead letter.
 */
public final class ApiCallErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "api-call-error-handling";

    @Override
    public void configuration() throws Exception {
        int maxAttempts = Integer.parseInt(getContext().resolvePropertyPlaceholders("{{usage.retry.max-attempts}}"));
        RetryPolicy retryPolicy = new RetryPolicy(maxAttempts, new WindowDeadline(Clock.systemUTC()));
        RouteConfigurationDefinition configuration = routeConfiguration(ID);

        // the cloud's error about the call's item (a FileId it does not know) fails that item, not the window
        configuration.onException(CloudApiException.class).onWhen(ItemFailureOutcome.IS_ITEM_ERROR)
                // the call ends with its ItemFailure as body, as a call that succeeded ends with its events
                .handled(true)
                .process("usageApiCallFailed")
                .process("usageItemFailed")
                .to("direct:usage-dead-letter")
                .process("itemFailureOutcome");

        // the source went to another replica: the window fails, no dead letter, the new owner collects it
        configuration.onException(SourceNotOwnedException.class)
                .handled(false);

        // Throwable: an Error in a call (out of memory on a huge answer) fails its window like any failure
        configuration.onException(Throwable.class)
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
                .to("direct:usage-dead-letter");
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
