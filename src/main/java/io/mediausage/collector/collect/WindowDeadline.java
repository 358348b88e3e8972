package io.mediausage.collector.collect;

import io.mediausage.collector.exchange.UsageExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * How long a window may take, API calls and retries included ({@code usage.window.deadline}), so that a run of a
 * source always ends and the next one on its schedule can start. Each call's attempts are bounded by
 * {@code usage.http.call-deadline}; this bounds the window as a whole: past it, no call makes another attempt and the
 * window fails, to be collected again by the next run.
 */
public final class WindowDeadline {

    /** The instant (exchange property) after which the window's calls make no further attempt. */
    public static final String PROPERTY = "usageWindowDeadline";

    private final Clock clock;

    /** @param clock the wall clock: a deadline is about real time, whatever clock plans the windows */
    public WindowDeadline(Clock clock) {
        this.clock = clock;
    }

    /** Starts the window's clock. */
    public Processor start(Duration deadline) {
        return exchange -> exchange.setProperty(PROPERTY, clock.instant().plus(deadline));
    }

    /** Fails the attempt about to be made if its window's deadline has passed. */
    public Processor check() {
        return exchange -> {
            if (hasPassed(exchange)) {
                throw new WindowDeadlineExceededException("window " + exchange.getProperty(UsageExchange.WINDOW)
                        + " passed its deadline " + exchange.getProperty(PROPERTY) + " (usage.window.deadline)");
            }
        };
    }

    /** True once the deadline of the exchange's window has passed; false outside a window. */
    public boolean hasPassed(Exchange exchange) {
        Instant deadline = exchange.getProperty(PROPERTY, Instant.class);
        return deadline != null && clock.instant().isAfter(deadline);
    }

    /** A window that took longer than it may: not worth another attempt in this run. */
    public static final class WindowDeadlineExceededException extends RuntimeException {
        WindowDeadlineExceededException(String message) {
            super(message);
        }
    }
}
