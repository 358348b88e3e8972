package io.mediausage.collector.metrics;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.task.WindowTask;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A window failed (and published nothing): counts it, and shows where the source's collection stands. */
final class WindowFailedRecorder implements Processor {

    private final UsageMetrics metrics;

    WindowFailedRecorder(UsageMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        WindowTask task = exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
        if (task == null && exchange.getMessage().getBody() instanceof WindowTask body) {
            task = body;
        }
        if (task == null) {
            return;
        }
        metrics.windowFailed(exchange.getContext(), task.source().name());
        metrics.checkpointMoved(exchange.getContext(), task.source());
    }
}
