package io.mediausage.collector.task;

import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import java.util.Optional;

/**
 * One window of one source to collect: the message that enters the window route.
 *
 * @param resumableRange the backfill the window belongs to, whose checkpoint moves with it; null for scheduled and
 *                       {@code once} collection
 * @param gapItem        for the repair of an item gap: the one item to collect (the source's checkpoint does not
 *                       move); null to collect every item of the source
 */
public record WindowTask(UsageSource source, Window window, ResumableRange resumableRange, String gapItem) {

    public WindowTask(UsageSource source, Window window) {
        this(source, window, null, null);
    }

    /** Collects {@code item} alone over {@code window}, to close the item's gaps there. */
    public static WindowTask repairing(UsageSource source, Window window, String item) {
        return new WindowTask(source, window, null, item);
    }

    public Optional<ResumableRange> backfill() {
        return Optional.ofNullable(resumableRange);
    }

    /** The one item a gap repair collects. */
    public Optional<String> repairedItem() {
        return Optional.ofNullable(gapItem);
    }

    public WindowTask within(ResumableRange range) {
        return new WindowTask(source, window, range, gapItem);
    }

    @Override
    public String toString() {
        return source.name() + " " + window + (gapItem == null ? "" : " item " + gapItem);
    }
}
