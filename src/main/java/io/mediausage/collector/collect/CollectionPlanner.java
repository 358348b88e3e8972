package io.mediausage.collector.collect;

import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.source.UsageSource;
import io.mediausage.collector.window.WindowPlan;
import io.mediausage.collector.window.WindowPlanner;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which windows a source collects: on a schedule, from its checkpoint (or its configured start) up to
 * now minus its settle delay, collecting its lookback again for figures the cloud restates late; on request, the
 * range asked for.
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

    public List<WindowTask> range(UsageSource source, Instant from, Instant to) {
        WindowPlan plan = planner.plan(from, to, source.api().windowPolicy(source), clock.instant());
        if (plan.wasClamped()) {
            LOG.warn("source '{}': {} keeps data for {}, so collection starts at {} instead of {}", source.name(),
                    source.api().name(), source.api().windowPolicy(source).retention(), plan.clampedFrom(), from);
        }
        return plan.windows().stream().map(window -> new WindowTask(source, window)).toList();
    }
}
