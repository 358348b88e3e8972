package io.mediausage.collector.window;

import java.time.Instant;
import java.util.Objects;

/**
 * A run of whole buckets collected by one query: {@code start} inclusive, {@code end} exclusive.
 * Adjacent windows share a bound but never a bucket, which is what keeps a bucket from being published twice.
 */
public record Window(Instant start, Instant end) implements Comparable<Window> {

    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must be after its start " + start);
        }
    }

    /** True when the bucket starting at {@code bucketStart} belongs to this window. */
    public boolean containsBucket(Instant bucketStart) {
        return !bucketStart.isBefore(start) && bucketStart.isBefore(end);
    }

    @Override
    public int compareTo(Window other) {
        return start.compareTo(other.start);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
