package io.mediausage.collector.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One rate limiter per (access key, API action), shared by every route that calls the action with those
 * credentials: the clouds count requests per account and action, not per route.
 *
 * <p>Requests are spaced evenly (a one-permit bucket refilled at the rate) rather than allowed in bursts, so no
 * one-second window at the server ever sees more than the rate.
 */
public final class ApiRateLimiters {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Blocks until a request of {@code action} with {@code accessKeyId} may go out at {@code perSecond}.
     *
     * <p>A permit is taken only when one is there, never reserved ahead: threads that reserved future slots and
     * woke late from a pause (GC, a busy CPU) would go out together as a burst the cloud counts as one.
     */
    public void acquire(String accessKeyId, String action, double perSecond) throws InterruptedException {
        Bucket bucket = bucket(accessKeyId, action, perSecond);
        ConsumptionProbe probe;
        while (!(probe = bucket.tryConsumeAndReturnRemaining(1)).isConsumed()) {
            TimeUnit.NANOSECONDS.sleep(probe.getNanosToWaitForRefill());
        }
    }

    Bucket bucket(String accessKeyId, String action, double perSecond) {
        // the first declared rate of a pair wins: two sources sharing credentials share one limit
        return buckets.computeIfAbsent(accessKeyId + "\u001f" + action, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(1)
                        .refillGreedy(1, Duration.ofNanos(Math.round(1_000_000_000d / perSecond))).build())
                .build());
    }
}
