package io.mediausage.collector.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One rate limiter per (access key, API action), shared by every route that calls the action with those
 * credentials: the clouds count requests per account and action, not per route.
 *
 * <p>Requests are spaced evenly (a one-permit bucket refilled at the rate) rather than allowed in bursts, so no
 * one-second window at the server ever sees more than the rate. The spacing is kept twice: a call takes its permit
 * ({@link #acquire}) in the call route, before it is signed; the HTTP client then spaces the requests themselves
 * ({@link #awaitSend()}) just before it writes them. The calls that took their permits 250 ms apart can be held up
 * between permit and send (the first call of a fresh JVM loads its signer and builds its HTTP client for a second or
 * more, and the others wait behind it): they then leave one by one, not together.
 *
 * <p>Both are handed out in the order the calls asked for them, which for a source's calls is the order its runner
 * started them in ({@link CallOrder}): it publishes its windows oldest first, so an oldest window whose call lost the
 * race for a permit held up the publishing of every window after it.
 */
public final class ApiRateLimiters {

    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    /** The send spacing of the permit this thread took and has not sent yet: camel-http sends on the route's thread. */
    private final ThreadLocal<Turns> permitHeld = new ThreadLocal<>();

    /**
     * Blocks until a request of {@code action} with {@code accessKeyId} may go out at {@code perSecond}.
     *
     * <p>A permit is taken only when one is there, never reserved ahead: threads that reserved future slots and
     * woke late from a pause (GC, a busy CPU) would go out together as a burst the cloud counts as one.
     */
    public void acquire(String accessKeyId, String action, double perSecond) throws InterruptedException {
        Limit limit = limit(accessKeyId, action, perSecond);
        limit.permits().take();
        permitHeld.set(limit.sends());
    }

    /**
     * Called by the HTTP client just before it writes a request: if this thread holds a permit, uses it up, waiting
     * until the request is spaced from the previous one sent under the same limit. It waits only when the call was
     * held up past its permit's slot.
     */
    public void awaitSend() throws InterruptedException {
        Turns sends = permitHeld.get();
        if (sends != null) {
            permitHeld.remove();
            sends.take();
        }
    }

    Bucket bucket(String accessKeyId, String action, double perSecond) {
        return limit(accessKeyId, action, perSecond).permits().bucket();
    }

    private Limit limit(String accessKeyId, String action, double perSecond) {
        // the first declared rate of a pair wins: two sources sharing credentials share one limit
        return limits.computeIfAbsent(accessKeyId + "\u001f" + action,
                key -> new Limit(Turns.of(perSecond), Turns.of(perSecond)));
    }

    /** The permits that space the calls, and the turns that space their requests as they are sent. */
    private record Limit(Turns permits, Turns sends) {
    }

    /**
     * One permit at a time, refilled at the rate, given in the order it was asked for: the waiting threads queue on a
     * fair lock, where threads sleeping until the refill would wake together and take it in any order.
     */
    private record Turns(Bucket bucket, ReentrantLock queue) {

        static Turns of(double perSecond) {
            return new Turns(Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(1)
                            .refillGreedy(1, Duration.ofNanos(Math.round(1_000_000_000d / perSecond))).build())
                    .build(), new ReentrantLock(true));
        }

        void take() throws InterruptedException {
            queue.lockInterruptibly();
            try {
                ConsumptionProbe probe;
                while (!(probe = bucket.tryConsumeAndReturnRemaining(1)).isConsumed()) {
                    TimeUnit.NANOSECONDS.sleep(probe.getNanosToWaitForRefill());
                }
            } finally {
                queue.unlock();
            }
        }
    }
}
