package io.mediausage.collector.collect;

import io.mediausage.collector.task.WindowTask;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A scheduled run of a source: collects the windows in the body (see {@link ScheduledWindows}) and goes no further
 * than the first that fails, which the next run collects again; fails the exchange with why, if one did.
 */
public final class ScheduledRun implements Processor {

    private volatile WindowRunner runner;

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        List<WindowTask> windows = exchange.getMessage().getMandatoryBody(List.class);
        WindowRunner.Outcome outcome = runner(exchange).run(windows, true, (task, index, total, events, failure) -> {
        }, () -> false);
        if (!outcome.failures().isEmpty()) {
            throw new RunStoppedException(outcome.failures().get(0));
        }
    }

    private WindowRunner runner(Exchange exchange) {
        if (runner == null) {
            runner = WindowRunner.of(exchange.getContext());
        }
        return runner;
    }

    /** A run that went no further than a failed window. */
    public static final class RunStoppedException extends RuntimeException {
        RunStoppedException(String failure) {
            super(failure);
        }
    }
}
