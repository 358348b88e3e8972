package io.mediausage.collector.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a wanted time range into API-legal windows of whole buckets.
 *
 * <p>The range covers every bucket that starts at or after the bucket containing {@code from} and ends at or
 * before {@code to}: a bucket still in progress at {@code to} is left for a later run rather than published
 * half-counted. Buckets older than the API's retention are dropped (and reported) instead of failing the query.
 */
public final class WindowPlanner {

    public WindowPlan plan(Instant from, Instant to, WindowPolicy policy, Instant now) {
        BucketGrid grid = policy.grid();
        Instant first = grid.floor(from);
        Instant oldestServed = grid.ceil(now.minus(policy.retention()));
        Instant clampedFrom = null;
        if (first.isBefore(oldestServed)) {
            first = oldestServed;
            clampedFrom = oldestServed;
        }
        Instant last = grid.floor(to);

        List<Window> windows = new ArrayList<>();
        Instant start = first;
        while (start.isBefore(last)) {
            Instant end = min(start.plus(policy.grid().bucket().multipliedBy(policy.maxBuckets())), last);
            windows.add(new Window(start, end));
            start = end;
        }
        return new WindowPlan(windows, clampedFrom);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
