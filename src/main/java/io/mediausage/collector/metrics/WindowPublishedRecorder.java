package io.mediausage.collector.metrics;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.task.WindowTask;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * After a window's events were handed to the publisher step: counts them (the body, the window's event list) and
 * moves the source's collected-until gauge to its checkpoint.
 */
final class WindowPublishedRecorder implements Processor {

    private final UsageMetrics metrics;

    WindowPublishedRecorder(UsageMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        WindowTask task = exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
        List<?> events = exchange.getMessage().getBody(List.class);
        String source = task.source().name();
        metrics.eventsPublished(exchange.getContext(), source, events == null ? 0 : events.size());
        metrics.checkpointMoved(exchange.getContext(), task.source());
    }
}
