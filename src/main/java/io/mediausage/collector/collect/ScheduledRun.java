package io.mediausage.collector.collect;

import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.task.WindowTask;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A scheduled run of a source: collects the windows in the body (see {@link ScheduledWindows}) and goes no further
 * than the first that fails, which the next run collects again; fails the exchange with why, if one did. It runs
 * only while this replica owns the source, and starts no new window once the source's partition is revoked: the
 * windows in flight are finished, and the new owner goes on from the checkpoint.
 */
public final class ScheduledRun implements Processor {

    private final SourceOwnership ownership;
    private volatile WindowRunner runner;

    public ScheduledRun(SourceOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        List<WindowTask> windows = exchange.getMessage().getMandatoryBody(List.class);
        if (windows.isEmpty()) {
            return;
        }
        UsageSource source = windows.get(0).source();
        if (!ownership.tryStartRun(source)) {
            return;
        }
        WindowRunner.Outcome outcome;
        try {
            outcome = runner(exchange).run(windows, true, (task, index, total, events, failure) -> {
            }, () -> !ownership.owns(source));
        } finally {
            ownership.runEnded(source);
        }
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
