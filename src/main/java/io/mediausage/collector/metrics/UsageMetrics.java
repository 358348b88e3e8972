package io.mediausage.collector.metrics;

import io.mediausage.collector.api.CloudApiException;
import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.api.UsageSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's own meters, per source, on the Micrometer registry Camel exposes at {@code /observe/metrics}
 * (Prometheus names in brackets):
 * <ul>
 *   <li>{@code usage.api.calls} {source, action, outcome} ({@code usage_api_calls_total}): every HTTP attempt,
 *       retries included; outcome {@code ok}, the cloud's error code, or the exception class of a transport fault</li>
 *   <li>{@code usage.events.published} {source} ({@code usage_events_published_total})</li>
 *   <li>{@code usage.windows.failed} {source} ({@code usage_windows_failed_total})</li>
 *   <li>{@code usage.items.failed} {source, item} ({@code usage_items_failed_total}): an item's part of a window not
 *       collected (recorded as a gap, collected again by later runs)</li>
 *   <li>{@code usage.collected.until} {source} ({@code usage_collected_until_seconds}): epoch seconds of the
 *       source's checkpoint, or of its configured start while it has none</li>
 *   <li>{@code usage.lag} {source} ({@code usage_lag_seconds}): the collector's now minus that</li>
 *   <li>{@code usage.lag.bound} {source} ({@code usage_lag_bound_seconds}): the most a healthy source's lag
 *       reaches ({@link HealthyLag}); above it the source is behind</li>
 * </ul>
 * The registry is looked up in the Camel registry on first use ({@code camel.metrics.enabled}); without one the
 * figures are kept in a private registry that nothing exposes.
 */
public final class UsageMetrics {

    public static final String OK = "ok";

    private static final Logger LOG = LoggerFactory.getLogger(UsageMetrics.class);

    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final ConcurrentMap<String, AtomicLong> collectedUntil = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    /**
     * @param checkpoints where the sources' checkpoints are kept (read after each window, never by a scrape)
     * @param clock       the collector's clock: the lag is measured against the "now" the planner uses
     */
    public UsageMetrics(CheckpointStore checkpoints, Clock clock) {
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** The processors the routes refer to, by bean name. */
    public Map<String, Processor> processors() {
        StepRecorders recorders = new StepRecorders(this);
        Map<String, Processor> processors = new LinkedHashMap<>();
        processors.put("usageApiCallSucceeded", recorders::apiCallSucceeded);
        processors.put("usageApiCallFailed", recorders::apiCallFailed);
        processors.put("usageWindowPublished", recorders::windowPublished);
        processors.put("usageWindowFailed", recorders::windowFailed);
        processors.put("usageItemFailed", recorders::itemFailed);
        return processors;
    }

    /** Uses this registry instead of looking one up in Camel's (tests). */
    public UsageMetrics bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        return this;
    }

    void apiCall(CamelContext context, String source, String action, String outcome) {
        Counter.builder("usage.api.calls")
                .description("HTTP requests to the cloud APIs, retries included, by outcome: ok, the cloud's error "
                        + "code, or the exception of a transport fault")
                .tag("source", source).tag("action", action).tag("outcome", outcome)
                .register(registry(context)).increment();
    }

    void eventsPublished(CamelContext context, String source, int events) {
        Counter.builder("usage.events.published")
                .description("Usage events published (committed with their window)")
                .tag("source", source)
                .register(registry(context)).increment(events);
    }

    void windowFailed(CamelContext context, String source) {
        Counter.builder("usage.windows.failed")
                .description("Windows that failed and published nothing; the next run collects them again")
                .tag("source", source)
                .register(registry(context)).increment();
    }

    void itemFailed(CamelContext context, String source, String item) {
        Counter.builder("usage.items.failed")
                .description("Items of a window (a FileId, an SdkAppId) the cloud answered an error about: the window "
                        + "published its other items and keeps a gap for this one, collected again by later runs")
                .tag("source", source).tag("item", item)
                .register(registry(context)).increment();
    }

    /** The group's meters: the partitions and sources this replica owns, and the rebalances it took part in. */
    public void group(CamelContext context, IntSupplier partitionsOwned, IntSupplier sourcesOwned,
            LongSupplier rebalances) {
        MeterRegistry meterRegistry = registry(context);
        Gauge.builder("usage.group.partitions.owned", partitionsOwned::getAsInt)
                .description("Partitions of the collectors' group this replica owns; across the replicas they add up "
                        + "to usage.group.partitions")
                .register(meterRegistry);
        Gauge.builder("usage.group.sources.owned", sourcesOwned::getAsInt)
                .description("Sources this replica runs: those of the partitions it owns")
                .register(meterRegistry);
        FunctionCounter.builder("usage.group.rebalances", rebalances, LongSupplier::getAsLong)
                .description("Rebalances of the collectors' group this replica took part in")
                .register(meterRegistry);
    }

    /** Drops the gauges of sources another replica now runs: their lag is that replica's to report. */
    public void forget(CamelContext context, Set<String> sourceNames) {
        MeterRegistry meterRegistry = registry(context);
        sourceNames.forEach(source -> {
            collectedUntil.remove(source);
            for (String gauge : List.of("usage.collected.until", "usage.lag", "usage.lag.bound")) {
                meterRegistry.find(gauge).tag("source", source).meters().forEach(meterRegistry::remove);
            }
        });
    }

    /** Sets the source's gauges to its checkpoint, or its configured start while it has none. */
    void checkpointMoved(CamelContext context, UsageSource source) {
        Instant until;
        try {
            until = checkpoints.collectedUntil(source.name()).orElse(source.start());
        } catch (RuntimeException e) { // checkpoints unreadable (broker down): the gauges keep their value
            LOG.debug("Cannot read the checkpoint of source '{}': {}", source.name(), e.getMessage());
            return;
        }
        collectedUntil.computeIfAbsent(source.name(), name -> gauges(registry(context), source))
                .set(until.getEpochSecond());
    }

    private AtomicLong gauges(MeterRegistry meterRegistry, UsageSource usageSource) {
        String source = usageSource.name();
        AtomicLong until = new AtomicLong();
        Gauge.builder("usage.collected.until", until, AtomicLong::get)
                .description("Epoch seconds up to which the source has collected: its checkpoint, or its start "
                        + "while it has none")
                .baseUnit("seconds").tag("source", source)
                .register(meterRegistry);
        Gauge.builder("usage.lag", until, value -> clock.instant().getEpochSecond() - value.get())
                .description("How far the source's collection is behind now")
                .baseUnit("seconds").tag("source", source)
                .register(meterRegistry);
        // fixed by the source's configuration, so worked out once
        long bound = HealthyLag.bound(usageSource, clock.instant()).toSeconds();
        Gauge.builder("usage.lag.bound", () -> bound)
                .description("The most a healthy source's lag reaches: settle delay + one bucket + the longest gap "
                        + "of its schedule; above it the source is behind")
                .baseUnit("seconds").tag("source", source)
                .register(meterRegistry);
        return until;
    }

    /** The outcome label of a failed call: the cloud's error code, else the class of the innermost cause. */
    static String outcome(Throwable failure) {
        if (failure == null) {
            return "Unknown";
        }
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CloudApiException cloud && cloud.errorCode() != null) {
                return cloud.errorCode();
            }
            innermost = t;
        }
        return innermost.getClass().getSimpleName();
    }

    MeterRegistry registry(CamelContext context) {
        MeterRegistry found = registry;
        if (found == null) {
            synchronized (this) {
                found = registry;
                if (found == null) {
                    found = lookUp(context);
                    registry = found;
                }
            }
        }
        return found;
    }

    private static MeterRegistry lookUp(CamelContext context) {
        MeterRegistry found = context == null ? null : context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (found == null && context != null) {
            found = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        if (found == null) {
            LOG.info("No Micrometer registry in Camel (camel.metrics.enabled is false): usage metrics are not exposed");
            return new SimpleMeterRegistry();
        }
        return found;
    }
}
