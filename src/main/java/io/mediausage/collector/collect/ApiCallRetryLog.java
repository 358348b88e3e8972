package io.mediausage.collector.collect;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.CloudApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN line before a failed API call is tried again: the call, the attempt to come and what went wrong.
 *
 * <p>It replaces Camel's own retry line, which the error handler logs after the failed attempt has left the route's
 * processors, so camel-mdc's MDC of that attempt (its cloud RequestId) is gone by then. This runs as the
 * {@code onRedelivery} processor, when the exchange still holds the failed attempt's properties; as the error handler
 * calls it directly rather than as a route node, {@link CollectRoutes} has camel-mdc wrap it like one.
 */
record ApiCallRetryLog(int maxAttempts) implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiCallRetryLog.class);

    @Override
    public void process(Exchange exchange) {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // a cloud error's message names the call's API, code and RequestId; any other failure needs its class
        String cause = failure instanceof CloudApiException ? failure.getMessage() : String.valueOf(failure);
        LOG.warn("Retrying {} (attempt {} of {}) after: {}", call.describe(), RetryPolicy.attemptsMade(exchange) + 1,
                maxAttempts, cause);
    }
}
