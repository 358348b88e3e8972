package io.mediausage.collector.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests one credential made of one API, counted by when they arrived, as a cloud's gateway counts them: not by
 * when a handler thread got round to them, which on a busy machine turns requests sent evenly apart into a burst (and
 * a burst into an even trickle). No second, wherever it starts, holds more than the limit; arrivals handled out of
 * order are counted in the seconds they arrived in.
 */
final class ArrivalRateWindow {

    private static final long SECOND_NANOS = 1_000_000_000L;
    /** Arrivals this much older than a new one no longer share a second with any request still being handled. */
    private static final long FORGOTTEN_AFTER_NANOS = 2 * SECOND_NANOS;

    /** Admitted arrivals ({@link System#nanoTime()}), oldest first. */
    private final List<Long> admitted = new ArrayList<>();

    /** Admits a request that arrived at {@code arrivalNanos}, unless a second holding it would hold more than limit. */
    synchronized boolean admit(long arrivalNanos, int limit) {
        admitted.removeIf(earlier -> arrivalNanos - earlier >= FORGOTTEN_AFTER_NANOS);
        int at = admitted.size();
        while (at > 0 && admitted.get(at - 1) > arrivalNanos) {
            at--;
        }
        admitted.add(at, arrivalNanos);
        // a second holds limit + 1 arrivals exactly when limit + 1 arrivals in a row, this one among them, span less
        for (int first = Math.max(0, at - limit); first <= at && first + limit < admitted.size(); first++) {
            if (admitted.get(first + limit) - admitted.get(first) < SECOND_NANOS) {
                admitted.remove(at);
                return false;
            }
        }
        return true;
    }
}
