package io.mediausage.collector.metrics;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts one attempt of an API call: {@link #succeeded} after the call's answer was read and mapped,
 * {@link #failed} on each failed attempt (before a retry, and once more when the call fails for good), with the
 * failure Camel caught as the outcome.
 */
final class ApiCallRecorder implements Processor {

    private final UsageMetrics metrics;
    private final boolean failed;

    private ApiCallRecorder(UsageMetrics metrics, boolean failed) {
        this.metrics = metrics;
        this.failed = failed;
    }

    static ApiCallRecorder succeeded(UsageMetrics metrics) {
        return new ApiCallRecorder(metrics, false);
    }

    static ApiCallRecorder failed(UsageMetrics metrics) {
        return new ApiCallRecorder(metrics, true);
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        if (call == null && exchange.getMessage().getBody() instanceof ApiCall body) {
            call = body;
        }
        if (call == null) {
            return;
        }
        String outcome = failed
                ? UsageMetrics.outcome(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                : UsageMetrics.OK;
        metrics.apiCall(exchange.getContext(), call.source().name(), call.origin().apiAction(), outcome);
    }
}
