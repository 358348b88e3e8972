package io.mediausage.collector.metrics;

import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.task.WindowTask;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * What the routes record at each step of a window, read from the step's exchange: each method is one of the
 * processors {@link UsageMetrics#processors()} names.
 */
record StepRecorders(UsageMetrics metrics) {

    /** An attempt of an API call whose answer was read and mapped. */
    void apiCallSucceeded(Exchange exchange) {
        ApiCall call = propertyOrBody(exchange, UsageExchange.API_CALL, ApiCall.class);
        if (call != null) {
            metrics.apiCall(exchange.getContext(), call.source().name(), call.origin().apiAction(), UsageMetrics.OK);
        }
    }

    /**
     * A failed attempt of an API call (before a retry, and once more when the call fails for good), with the failure
     * Camel caught as the outcome.
     */
    void apiCallFailed(Exchange exchange) {
        ApiCall call = propertyOrBody(exchange, UsageExchange.API_CALL, ApiCall.class);
        if (call != null) {
            metrics.apiCall(exchange.getContext(), call.source().name(), call.origin().apiAction(),
                    UsageMetrics.outcome(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
        }
    }

    /**
     * After a window's events were handed to the publisher step: counts them (the body, the window's event list) and
     * moves the source's collected-until gauge to its checkpoint.
     */
    void windowPublished(Exchange exchange) {
        WindowTask task = exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
        List<?> events = exchange.getMessage().getBody(List.class);
        metrics.eventsPublished(exchange.getContext(), task.source().name(), events == null ? 0 : events.size());
        metrics.checkpointMoved(exchange.getContext(), task.source());
    }

    /** A window failed (and published nothing): counts it, and shows where the source's collection stands. */
    void windowFailed(Exchange exchange) {
        WindowTask task = propertyOrBody(exchange, UsageExchange.WINDOW_TASK, WindowTask.class);
        if (task != null) {
            metrics.windowFailed(exchange.getContext(), task.source().name());
            metrics.checkpointMoved(exchange.getContext(), task.source());
        }
    }

    /** An item of a window failed (a FileId the cloud does not know): counts it under the source and the item. */
    void itemFailed(Exchange exchange) {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        call.item().ifPresent(item -> metrics.itemFailed(exchange.getContext(), call.source().name(), item));
    }

    /**
     * The call or window of a step: its exchange property, or else the body, where a failure struck before the
     * property was set; null when neither holds one, and then there is nothing to record.
     */
    private static <T> T propertyOrBody(Exchange exchange, String property, Class<T> type) {
        T value = exchange.getProperty(property, type);
        Object body = exchange.getMessage().getBody();
        return value == null && type.isInstance(body) ? type.cast(body) : value;
    }
}
