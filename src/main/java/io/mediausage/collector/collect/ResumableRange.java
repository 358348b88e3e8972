package io.mediausage.collector.collect;

import java.time.Instant;
import java.util.Objects;

/**
 * A backfill's own checkpoint: how far the collection of one source's {@code [from, to)} has got. It moves in the
 * transaction of each window, like the source's checkpoint, so the same command run again after an interruption
 * starts after the last committed window instead of publishing it again. The range is part of its name: another
 * range is another backfill.
 *
 * @param checkpointName the name its checkpoint is kept under
 * @param start          where its first window starts (the range's whole buckets, within the API's retention)
 */
public record ResumableRange(String checkpointName, Instant start) {

    public ResumableRange {
        Objects.requireNonNull(checkpointName, "checkpointName");
        Objects.requireNonNull(start, "start");
    }

    public static String checkpointName(String sourceName, Instant from, Instant to) {
        return "backfill " + sourceName + " " + from + "/" + to;
    }
}
