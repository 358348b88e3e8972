package io.mediausage.collector.collect;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.group.SourceNotOwnedException;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.task.WindowTask;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Fails a call attempt about to be made for a source this replica no longer owns, so that a replica that wakes up
 * after its sources moved spends none of their rate limit, which is the new owner's.
 */
public record OwnedSourceCheck(SourceOwnership ownership) implements Processor {

    @Override
    public void process(Exchange exchange) {
        WindowTask task = exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
        if (task != null && !ownership.owns(task.source())) {
            throw new SourceNotOwnedException("source '" + task.source().name() + "' is no longer this replica's "
                    + "(handed over, or this replica was silent past its session timeout): the call is not made");
        }
    }
}
