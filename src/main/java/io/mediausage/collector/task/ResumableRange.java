package io.mediausage.collector.task;

import io.mediausage.collector.checkpoint.BackfillCheckpoint;
import java.time.Instant;
import java.util.Objects;

/**
 * A backfill a window belongs to: its own checkpoint, the windows of the range committed so far, gains the window
 * in the window's transaction, like the source's checkpoint, so the same command run again after an interruption
 * or a failure collects only the windows not committed. The range is part of its name: another range is another
 * backfill.
 *
 * @param checkpointName the name its checkpoint is kept under
 */
public record ResumableRange(String checkpointName) {

    public ResumableRange {
        Objects.requireNonNull(checkpointName, "checkpointName");
    }

    public static String checkpointName(String sourceName, Instant from, Instant to) {
        return BackfillCheckpoint.name(sourceName, from, to);
    }
}
