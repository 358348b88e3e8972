package io.mediausage.collector.collect;

import io.mediausage.collector.checkpoint.CheckpointStore;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Moves the source's checkpoint to the end of a window once all its events are acknowledged by the broker, but
 * only over a window that begins at or before the checkpoint (or the source's start): a one-off collection of a
 * later range must not make the schedule skip the gap before it.
 */
public final class CheckpointAdvancer implements Processor {

    private final CheckpointStore checkpoints;

    public CheckpointAdvancer(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public void process(Exchange exchange) {
        WindowTask task = exchange.getProperty(CollectRoutes.WINDOW_TASK, WindowTask.class);
        String source = task.source().name();
        Instant collectedUntil = checkpoints.collectedUntil(source).orElse(task.source().start());
        if (!task.window().start().isAfter(collectedUntil) && task.window().end().isAfter(collectedUntil)) {
            checkpoints.advance(source, task.window().end());
        }
    }
}
