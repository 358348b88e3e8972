package io.mediausage.collector.collect;

import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Names what the exchange collects in the exchange properties that camel-mdc copies into the MDC of every line
 * logged while the exchange is processed, on whichever thread: for a {@link WindowTask} in the body its
 * {@link UsageExchange#SOURCE} and {@link UsageExchange#WINDOW}, for an {@link ApiCall} (whose exchange has its
 * window's already) its {@link UsageExchange#API_ACTION}.
 */
public final class LogContext implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof WindowTask task) {
            exchange.setProperty(UsageExchange.SOURCE, task.source().name());
            exchange.setProperty(UsageExchange.WINDOW, task.window().toString());
        } else if (body instanceof ApiCall call) {
            exchange.setProperty(UsageExchange.API_ACTION, call.origin().apiAction());
        } else {
            throw new IllegalArgumentException("expected a window task or an API call, got " + body);
        }
    }
}
