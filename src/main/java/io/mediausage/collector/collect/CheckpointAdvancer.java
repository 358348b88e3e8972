package io.mediausage.collector.collect;

import io.mediausage.collector.checkpoint.CheckpointStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Moves the source's checkpoint to the end of a window once all its events are acknowledged by the broker. */
public final class CheckpointAdvancer implements Processor {

    private final CheckpointStore checkpoints;

    public CheckpointAdvancer(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public void process(Exchange exchange) {
        WindowTask task = exchange.getProperty(CollectRoutes.WINDOW_TASK, WindowTask.class);
        checkpoints.advance(task.source().name(), task.window().end());
    }
}
