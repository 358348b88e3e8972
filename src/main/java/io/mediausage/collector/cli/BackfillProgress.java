package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.collect.WindowTask;
import java.io.PrintStream;
import java.time.Duration;

/** One line a window on the terminal: windows done of total, events, elapsed and the time left at this pace. */
final class BackfillProgress implements CollectorApplication.WindowListener {

    private final PrintStream terminal;
    private final long startNanos;
    private final int totalWindows;
    private int windowsDone;
    private long events;

    BackfillProgress(PrintStream terminal, int totalWindows, long startNanos) {
        this.terminal = terminal;
        this.totalWindows = totalWindows;
        this.startNanos = startNanos;
    }

    @Override
    public synchronized void windowDone(WindowTask task, int index, int total, int windowEvents, String failure) {
        windowsDone++;
        events += windowEvents;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration eta = elapsed.multipliedBy(totalWindows - windowsDone).dividedBy(windowsDone);
        terminal.printf("[%d/%d] %s %s: %s | %d events | elapsed %s | ETA %s%n", windowsDone, totalWindows,
                task.source().name(), task.window(), failure == null ? windowEvents + " events" : "FAILED " + failure,
                events, format(elapsed), format(eta));
    }

    static String format(Duration duration) {
        return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }
}
