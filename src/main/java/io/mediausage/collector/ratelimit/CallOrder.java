package io.mediausage.collector.ratelimit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The order in which one source's calls take their rate-limit permits: the order its window runner started them in,
 * oldest window first. The threads of a call pool that start together reach the limiter in any order, while the
 * source publishes its windows oldest first: an oldest window whose call took the last permit held up the publishing
 * of every window after it. A call's turn passes once it has its permit, or once it ended without one (it failed
 * before, or was cancelled), so that no call waits for one that will not come.
 */
public final class CallOrder {

    private CompletableFuture<Void> lastPassed = CompletableFuture.completedFuture(null);

    /** The next call's turn, after every turn given before it; given by the one thread that starts the calls. */
    public Turn next() {
        Turn turn = new Turn(lastPassed, new CompletableFuture<>());
        lastPassed = turn.passed;
        return turn;
    }

    /** One call's place in the order. */
    public static final class Turn {

        private final CompletableFuture<Void> previousPassed;
        private final CompletableFuture<Void> passed;

        private Turn(CompletableFuture<Void> previousPassed, CompletableFuture<Void> passed) {
            this.previousPassed = previousPassed;
            this.passed = passed;
        }

        /** Waits until the calls started before this one have taken their permits, or ended. */
        public void await() throws InterruptedException {
            try {
                previousPassed.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a turn is only ever passed", e);
            }
        }

        /** Lets the next call take its permit; again, or for a call that ended, nothing more. */
        public void pass() {
            passed.complete(null);
        }
    }
}
