package io.mediausage.collector.collect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The windows a backfill still has to collect.
 *
 * @param resumedAfter where an earlier run of the same backfill stopped, if one did: the windows start there
 */
public record BackfillPlan(String sourceName, List<WindowTask> windows, Optional<Instant> resumedAfter) {

    public BackfillPlan {
        windows = List.copyOf(windows);
    }
}
