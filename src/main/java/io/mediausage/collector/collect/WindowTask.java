package io.mediausage.collector.collect;

import io.mediausage.collector.source.UsageSource;
import io.mediausage.collector.window.Window;

/** One window of one source to collect: the message that enters the window route. */
public record WindowTask(UsageSource source, Window window) {

    @Override
    public String toString() {
        return source.name() + " " + window;
    }
}
