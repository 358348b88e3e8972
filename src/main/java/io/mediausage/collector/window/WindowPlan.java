package io.mediausage.collector.window;

import java.time.Instant;
import java.util.List;

/**
 * The windows that cover a wanted range, and how the range was trimmed to what the API can serve.
 *
 * @param windows      consecutive windows, oldest first; empty when no whole bucket is collectable yet
 * @param clampedFrom  the oldest bucket start the API still serves, when the wanted range began before it; else null
 */
public record WindowPlan(List<Window> windows, Instant clampedFrom) {

    public WindowPlan {
        windows = List.copyOf(windows);
    }

    public boolean wasClamped() {
        return clampedFrom != null;
    }
}
