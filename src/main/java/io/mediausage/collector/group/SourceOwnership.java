package io.mediausage.collector.group;

import io.mediausage.collector.api.UsageSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The partitions this replica owns, and the scheduled runs under way in each: a run starts only on an owned
 * partition, and a partition is let go once its runs have ended (they start no new window once it is revoked, and
 * finish those in flight), as Kafka Streams closes a task's work before its partition moves.
 *
 * <p>Ownership is also a lease of one session timeout, renewed by the membership's polling thread. A replica that
 * was frozen or cut off longer than that (a stopped JVM, a long pause) may have been replaced: until the group has
 * told it so, or for another session timeout, it owns nothing, so its calls in flight stop at once instead of
 * spending the new owner's rate limit.
 */
public final class SourceOwnership {

    private final Supplier<SourcePartitions> configured;
    private SourcePartitions partitions;
    private final boolean ownsAll;
    private final LongSupplier nanoTime;
    private long leaseNanos;
    private long leaseUntil;
    private long lastRenewal;
    private long suspendedSince;
    private final Set<Integer> owned = new TreeSet<>();
    private final Map<Integer, Integer> runs = new HashMap<>();

    SourceOwnership(Supplier<SourcePartitions> configured, boolean ownsAll, LongSupplier nanoTime) {
        this.configured = configured;
        this.ownsAll = ownsAll;
        this.nanoTime = nanoTime;
    }

    /**
     * A member of a group: owns the partitions the group assigns it, while its lease lasts.
     *
     * @param partitions read on first use, once the configuration is loaded
     */
    public static SourceOwnership grouped(Supplier<SourcePartitions> partitions) {
        return new SourceOwnership(partitions, false, System::nanoTime);
    }

    /** A one-shot command ({@code once}, {@code backfill}): collects whatever source it is told to. */
    public static SourceOwnership everything(Supplier<SourcePartitions> partitions) {
        return new SourceOwnership(partitions, true, System::nanoTime);
    }

    /** The lease's length: the group's session timeout, after which a silent member is replaced. */
    public synchronized void leaseFor(Duration sessionTimeout) {
        leaseNanos = sessionTimeout.toNanos();
    }

    /**
     * Renews the lease, after the membership heard from the group; not after a silence longer than the lease, when
     * the group may have replaced this replica, until another lease has passed without the group saying so.
     */
    public synchronized void renewLease() {
        long now = nanoTime.getAsLong();
        if (lastRenewal != 0 && now - lastRenewal > leaseNanos) {
            if (suspendedSince == 0) {
                suspendedSince = now;
            }
            if (now - suspendedSince <= leaseNanos) {
                return;
            }
        }
        confirmLease(now);
    }

    private void confirmLease(long now) {
        suspendedSince = 0;
        lastRenewal = now;
        leaseUntil = now + leaseNanos;
    }

    public synchronized SourcePartitions partitions() {
        if (partitions == null) {
            partitions = configured.get();
        }
        return partitions;
    }

    public synchronized boolean owns(UsageSource source) {
        return ownsAll || owned.contains(partitions().of(source)) && nanoTime.getAsLong() - leaseUntil < 0;
    }

    /** The owned partitions, in order. */
    public synchronized Set<Integer> owned() {
        return new TreeSet<>(owned);
    }

    /** Starts a run of the source if its partition is owned; then {@link #runEnded} must follow. */
    public synchronized boolean tryStartRun(UsageSource source) {
        if (!owns(source)) {
            return false;
        }
        runs.merge(partitions().of(source), 1, Integer::sum);
        return true;
    }

    public synchronized void runEnded(UsageSource source) {
        runs.computeIfPresent(partitions().of(source), (partition, count) -> count == 1 ? null : count - 1);
        notifyAll();
    }

    /** The partitions are this replica's from now on (their producers are ready and their checkpoints read). */
    public synchronized void gained(Set<Integer> gained) {
        owned.addAll(gained);
        confirmLease(nanoTime.getAsLong()); // the group has just assigned them
    }

    /**
     * Starts no new run on the partitions, then waits up to {@code timeout} for those under way to end.
     *
     * @return true when they all ended; false when some are still going (their windows will fail to commit)
     */
    public synchronized boolean release(Set<Integer> released, Duration timeout) throws InterruptedException {
        owned.removeAll(released);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (released.stream().anyMatch(runs::containsKey)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 500)));
            renewLease(); // this replica is taking part in the rebalance meanwhile: its other partitions stay its own
        }
        return true;
    }
}
