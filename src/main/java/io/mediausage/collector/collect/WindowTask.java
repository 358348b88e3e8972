package io.mediausage.collector.collect;

import io.mediausage.collector.source.UsageSource;
import io.mediausage.collector.window.Window;
import java.util.Optional;

/**
 * One window of one source to collect: the message that enters the window route.
 *
 * @param resumableRange the backfill the window belongs to, whose checkpoint moves with it; null for scheduled and
 *                       {@code once} collection
 */
public record WindowTask(UsageSource source, Window window, ResumableRange resumableRange) {

    public WindowTask(UsageSource source, Window window) {
        this(source, window, null);
    }

    public Optional<ResumableRange> backfill() {
        return Optional.ofNullable(resumableRange);
    }

    WindowTask within(ResumableRange range) {
        return new WindowTask(source, window, range);
    }

    @Override
    public String toString() {
        return source.name() + " " + window;
    }
}
