package io.mediausage.collector.task;

import io.mediausage.collector.exchange.UsageExchange;
/**
 * Which part of a window an exchange to the publisher carries ({@link UsageExchange#WINDOW_PART}). A window is
 * published {@link #WHOLE} in one transaction; a wide one (more calls than its source has in flight) is streamed into
 * one open transaction call by call, so that its events are never all in memory: {@link #FIRST} opens it,
 * {@link #MORE} adds to it, {@link #LAST} adds the gaps and checkpoints and commits it, {@link #ABORT} drops it.
 */
public enum WindowPart {
    WHOLE, FIRST, MORE, LAST, ABORT
}
