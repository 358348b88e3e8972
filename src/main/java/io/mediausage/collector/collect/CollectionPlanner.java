package io.mediausage.collector.collect;

import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.checkpoint.ItemGap;
import io.mediausage.collector.source.UsageSource;
import io.mediausage.collector.window.WindowPlan;
import io.mediausage.collector.window.WindowPlanner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which windows a source collects: on a schedule, from its checkpoint (or its configured start) up to
 * now minus its settle delay, collecting its lookback again for figures the cloud restates late, then its item
 * gaps; on request, the range asked for; for a backfill, what is left of the range after an earlier run of the same
 * backfill.
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

    /**
     * The windows from the checkpoint (or the start) to the settled edge, reaching back at least {@code lookback}, then
     * the repair of the source's item gaps (see {@link #gapRepairs}): last, so that a repair that fails stops no
     * other window of the run.
     */
    public List<WindowTask> scheduled(UsageSource source) {
        Instant settledEdge = clock.instant().minus(source.settleDelay());
        Instant from = checkpoints.collectedUntil(source.name())
                .map(checkpoint -> min(checkpoint, settledEdge.minus(source.lookback())))
                .orElse(source.start());
        List<WindowTask> windows = new ArrayList<>(range(source, from, settledEdge));
        windows.addAll(gapRepairs(source));
        return windows;
    }

    /**
     * One window per item with open gaps: the first API-legal window of the item's oldest run of adjacent gaps, for
     * that item alone. One call a run is what an item the cloud no longer knows costs; an item that recovered closes
     * up to a window's span of gaps a run. Gaps of items the source no longer lists stay open without a call, and
     * gaps older than the API keeps data can no longer be collected: both are reported, not retried.
     */
    List<WindowTask> gapRepairs(UsageSource source) {
        Instant retainedFrom = clock.instant().minus(source.api().windowPolicy(source).retention());
        Map<String, List<ItemGap>> byItem = new LinkedHashMap<>();
        for (ItemGap gap : checkpoints.gaps(source.name())) {
            if (gap.window().start().isBefore(retainedFrom)) {
                LOG.warn("source '{}': the gap of item {} in {} is older than {} keeps data and cannot be collected "
                        + "any more", source.name(), gap.item(), gap.window(), source.api().name());
            } else {
                byItem.computeIfAbsent(gap.item(), item -> new ArrayList<>()).add(gap);
            }
        }
        List<WindowTask> repairs = new ArrayList<>();
        byItem.forEach((item, gaps) -> {
            Instant from = gaps.get(0).window().start();
            Instant to = gaps.get(0).window().end();
            for (ItemGap gap : gaps.subList(1, gaps.size())) {
                if (gap.window().start().isAfter(to)) {
                    break;
                }
                to = gap.window().end().isAfter(to) ? gap.window().end() : to;
            }
            range(source, from, to).stream().findFirst()
                    .map(first -> WindowTask.repairing(source, first.window(), item))
                    .filter(repair -> !ApiCallPlanner.calls(repair).isEmpty())
                    .ifPresentOrElse(repairs::add, () -> LOG.warn("source '{}' has open gaps of item {} from {}, "
                            + "which it no longer collects: they stay open", source.name(), item, gaps.get(0).window()));
        });
        return repairs;
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
