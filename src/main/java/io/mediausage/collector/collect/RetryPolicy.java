package io.mediausage.collector.collect;

import io.mediausage.collector.api.CloudApiException;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Which failed calls are worth another attempt: throttling, server-side errors, truncated answers and network
 * faults, up to a number of attempts and within the window's deadline. Authentication failures and invalid
 * parameters are not: they need a person.
 *
 * @param windowDeadline no attempt is made once the call's window has passed it
 */
public record RetryPolicy(int maxAttempts, WindowDeadline windowDeadline) implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return attemptsMade(exchange) < maxAttempts && isTransient(exchange.getException())
                && !windowDeadline.hasPassed(exchange);
    }

    /** Camel counts a failed attempt before it asks whether to try again, so the counter is the attempts made. */
    static int attemptsMade(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CloudApiException cloud) {
                return cloud.isRetriable();
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
