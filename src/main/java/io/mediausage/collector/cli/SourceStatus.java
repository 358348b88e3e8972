package io.mediausage.collector.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where one configured source stands, as {@code status} prints it.
 *
 * @param source         the source name
 * @param collectedUntil its checkpoint, or its configured start while it has none (as {@code usage_collected_until_seconds})
 * @param hasCheckpoint  false when {@code collectedUntil} is the start
 * @param lag            now minus {@code collectedUntil} (as {@code usage_lag_seconds})
 * @param healthyBound   the most a healthy source's lag reaches (as {@code usage_lag_bound_seconds})
 * @param deadLetters    its most recent dead letters, oldest first
 */
record SourceStatus(String source, Instant collectedUntil, boolean hasCheckpoint, Duration lag, Duration healthyBound,
        List<DeadLetter> deadLetters) {

    /** Behind exactly when the alert rule UsageSourceBehind would fire: lag above the bound. */
    boolean behind() {
        return lag.compareTo(healthyBound) > 0;
    }

    /**
     * One record of the dead-letter topic (see DeadLetterRecordProcessor).
     *
     * @param requestId the cloud's RequestId; null when the call failed before an answer (a network fault)
     */
    record DeadLetter(String source, Instant failedAt, Instant windowStart, Instant windowEnd, String action,
            String errorCode, String requestId) {
    }
}
