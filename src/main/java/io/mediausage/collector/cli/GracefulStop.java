package io.mediausage.collector.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C or SIGTERM during a backfill: start no more windows, let those in flight commit, and keep the JVM up until
 * the summary is printed, so the operator sees where a rerun of the same command will resume.
 */
final class GracefulStop implements BooleanSupplier {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Duration grace = Duration.ZERO;

    static GracefulStop onShutdownSignal() {
        GracefulStop stop = new GracefulStop();
        Runtime.getRuntime().addShutdownHook(new Thread(stop::awaitFinish, "backfill-graceful-stop"));
        return stop;
    }

    /** How long a stop signal waits for the windows in flight (the collector's own shutdown timeout). */
    void grace(Duration grace) {
        this.grace = grace;
    }

    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }

    /** The backfill is over and its summary printed: the JVM may exit. */
    void finished() {
        finished.countDown();
    }

    private void awaitFinish() {
        requested.set(true);
        try {
            finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
