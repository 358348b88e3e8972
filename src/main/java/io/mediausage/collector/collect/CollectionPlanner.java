package io.mediausage.collector.collect;

import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.task.ResumableRange;
import io.mediausage.collector.checkpoint.BackfillCheckpoint;
import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.checkpoint.ItemGap;
import io.mediausage.collector.api.UsageSource;
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
 * gaps; on request, the range asked for, up to that settled edge too; for a backfill, what earlier runs of the same
 * backfill left of the range.
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
        List<WindowTask> windows = new ArrayList<>(windows(source, from, settledEdge));
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
            windows(source, from, to).stream().findFirst()
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
     * those no earlier run of the same range committed, whether it was interrupted or some of its windows failed.
     */
    public BackfillPlan backfill(UsageSource source, Instant from, Instant to) {
        String checkpointName = ResumableRange.checkpointName(source.name(), from, to);
        BackfillCheckpoint committed = checkpoints.backfill(checkpointName)
                .orElseGet(() -> BackfillCheckpoint.none(checkpointName));
        Optional<Instant> settledTo = settledEnd(source, from, to);
        if (settledTo.isEmpty()) {
            return new BackfillPlan(source.name(), List.of(), 0, committed.committed());
        }
        ResumableRange range = new ResumableRange(checkpointName);
        List<WindowTask> missing = committed.missing(from, settledTo.get()).stream()
                .flatMap(gap -> windows(source, gap.start(), gap.end()).stream())
                .map(task -> task.within(range)).toList();
        int rangeWindows = committed.isEmpty() ? missing.size() : windows(source, from, settledTo.get()).size();
        return new BackfillPlan(source.name(), missing, rangeWindows, committed.committed());
    }

    /** The windows of {@code [from, to)} ({@code once}, a dry-run backfill), up to the settled edge at most. */
    public List<WindowTask> range(UsageSource source, Instant from, Instant to) {
        return settledEnd(source, from, to).map(end -> windows(source, from, end)).orElse(List.of());
    }

    /**
     * Where a range asked for can end: buckets after now minus the settle delay are still in progress or in the
     * future, and collecting them would publish figures that change and move the checkpoint past the present.
     * Empty when the whole range is after that edge.
     */
    private Optional<Instant> settledEnd(UsageSource source, Instant from, Instant to) {
        Instant settledEdge = clock.instant().minus(source.settleDelay());
        if (!to.isAfter(settledEdge)) {
            return Optional.of(to);
        }
        if (!from.isBefore(settledEdge)) {
            LOG.warn("source '{}': [{}, {}) is wholly after {} (now minus its settle delay {}): nothing to collect yet",
                    source.name(), from, to, settledEdge, source.settleDelay());
            return Optional.empty();
        }
        LOG.warn("source '{}': [{}, {}) asked for, but buckets after {} (now minus its settle delay {}) are not final:"
                + " the range ends there", source.name(), from, to, settledEdge, source.settleDelay());
        return Optional.of(settledEdge);
    }

    private List<WindowTask> windows(UsageSource source, Instant from, Instant to) {
        WindowPlan plan = planner.plan(from, to, source.api().windowPolicy(source), clock.instant());
        if (plan.wasClamped()) {
            LOG.warn("source '{}': {} keeps data for {}, so collection starts at {} instead of {}", source.name(),
                    source.api().name(), source.api().windowPolicy(source).retention(), plan.clampedFrom(), from);
        }
        return plan.windows().stream().map(window -> new WindowTask(source, window)).toList();
    }
}
