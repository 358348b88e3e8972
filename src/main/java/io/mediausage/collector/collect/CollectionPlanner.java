package io.mediausage.collector.collect;

import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.source.UsageSource;
import io.mediausage.collector.window.WindowPlan;
import io.mediausage.collector.window.WindowPlanner;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which windows a source collects: on a schedule, from its checkpoint (or its configured start) up to
 * now minus its settle delay, collecting its lookback again for figures the cloud restates late; on request, the
 * range asked for; for a backfill, what is left of the range after an earlier run of the same backfill.
 */
public final class CollectionPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionPlanner.class);

    private final WindowPlanner planner;
    private final CheckpointStore checkpoints;
    private final Clock clock;

    public CollectionPlanner(WindowPlanner planner, CheckpointStore checkpoints, Clock clock) {
        this.planner = planner;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** From the checkpoint (or the start) to the settled edge, reaching back at least {@code lookback}. */
    public List<WindowTask> scheduled(UsageSource source) {
        Instant settledEdge = clock.instant().minus(source.settleDelay());
        Instant from = checkpoints.collectedUntil(source.name())
                .map(checkpoint -> min(checkpoint, settledEdge.minus(source.lookback())))
                .orElse(source.start());
        return range(source, from, settledEdge);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * The windows of {@code [from, to)} a backfill still has to collect, each carrying the backfill's checkpoint:
     * all of them, or those after where an earlier run of the same range committed its last window.
     */
    public BackfillPlan backfill(UsageSource source, Instant from, Instant to) {
        String checkpointName = ResumableRange.checkpointName(source.name(), from, to);
        Optional<Instant> resumedAfter = checkpoints.collectedUntil(checkpointName);
        List<WindowTask> windows = range(source, resumedAfter.orElse(from), to);
        if (windows.isEmpty()) {
            return new BackfillPlan(source.name(), windows, resumedAfter);
        }
        ResumableRange range = new ResumableRange(checkpointName, windows.get(0).window().start());
        return new BackfillPlan(source.name(), windows.stream().map(task -> task.within(range)).toList(),
                resumedAfter);
    }

    public List<WindowTask> range(UsageSource source, Instant from, Instant to) {
        WindowPlan plan = planner.plan(from, to, source.api().windowPolicy(source), clock.instant());
        if (plan.wasClamped()) {
            LOG.warn("source '{}': {} keeps data for {}, so collection starts at {} instead of {}", source.name(),
                    source.api().name(), source.api().windowPolicy(source).retention(), plan.clampedFrom(), from);
        }
        return plan.windows().stream().map(window -> new WindowTask(source, window)).toList();
    }
}
