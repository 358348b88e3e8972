package io.mediausage.collector.window;

import java.time.Duration;
import java.util.Objects;

/**
 * What one API allows a single query to cover.
 *
 * @param grid             the buckets the API reports
 * @param maxBuckets       the most buckets one window may hold
 * @param retention        how far back the API still serves data
 */
public record WindowPolicy(BucketGrid grid, int maxBuckets, Duration retention) {

    public WindowPolicy {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(retention, "retention");
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1: " + maxBuckets);
        }
    }

    /** The same limits with at most {@code buckets} buckets a window (never more than the API allows). */
    public WindowPolicy withMaxBuckets(int buckets) {
        return new WindowPolicy(grid, Math.min(buckets, maxBuckets), retention);
    }
}
