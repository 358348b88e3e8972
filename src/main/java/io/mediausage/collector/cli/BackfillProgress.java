package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.task.WindowTask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * A backfill's progress on stderr. On a terminal: one line, rewritten in place after each window (a carriage return,
 * no escape codes), with a bar, windows done of total, events, the rate and the time left at this pace; a failed
 * window gets a line of its own above it. Elsewhere (a log file, CI): one line a window, which a log keeps.
 */
final class BackfillProgress implements CollectorApplication.WindowListener {

    private static final int BAR_WIDTH = 24;
    /** The logger of the publish-window route's "Published ..." line (Camel names a route's log after its id). */
    static final String WINDOW_LOGGER = "publish-window";

    private final PrintStream terminal;
    private final long startNanos;
    private final int totalWindows;
    private final boolean inPlace;
    private int windowsDone;
    private long events;
    private int lastLineLength;

    /**
     * @param inPlace true to rewrite one line (a terminal), false for a line a window
     */
    BackfillProgress(PrintStream terminal, int totalWindows, long startNanos, boolean inPlace) {
        this.terminal = terminal;
        this.totalWindows = totalWindows;
        this.startNanos = startNanos;
        this.inPlace = inPlace;
        if (inPlace) {
            // the progress line stands for the route's INFO line a window, which would break it up on the same
            // stderr; warnings and errors still show
            Configurator.setLevel(WINDOW_LOGGER, Level.WARN);
        }
    }

    /**
     * Whether stderr is a terminal: {@code --progress bar} or {@code --progress lines} say so; else, on Linux,
     * where file descriptor 2 leads, and elsewhere whether the JVM has a console (which only says whether stdin and
     * stdout are terminals).
     */
    static boolean inPlace(String progressOption) {
        if (progressOption != null) {
            return switch (progressOption) {
                case "bar" -> true;
                case "lines" -> false;
                default -> throw new IllegalArgumentException("--progress must be bar or lines, got '" + progressOption + "'");
            };
        }
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.exists(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }

    @Override
    public synchronized void windowDone(WindowTask task, int index, int total, int windowEvents, String failure) {
        windowsDone++;
        events += windowEvents;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration eta = elapsed.multipliedBy(totalWindows - windowsDone).dividedBy(windowsDone);
        if (!inPlace) {
            // concatenated, not printf: a line a window, and parsing its format was 8 % of the window runners' CPU
            // when 50 sources caught up
            terminal.println("[" + windowsDone + "/" + totalWindows + "] " + task.source().name() + " " + task.window()
                    + ": " + (failure == null ? windowEvents + " events" : "FAILED " + failure) + " | " + events
                    + " events | elapsed " + format(elapsed) + " | ETA " + format(eta));
            return;
        }
        if (failure != null) {
            overwrite(String.format("FAILED %s %s: %s", task.source().name(), task.window(), failure));
            terminal.println();
            lastLineLength = 0;
        }
        overwrite(bar(elapsed, eta));
        terminal.flush();
    }

    /** Ends the progress line, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (inPlace && lastLineLength > 0) {
            terminal.println();
            lastLineLength = 0;
        }
    }

    private String bar(Duration elapsed, Duration eta) {
        int filled = (int) ((long) BAR_WIDTH * windowsDone / Math.max(1, totalWindows));
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT, "[%s%s] %d/%d windows | %d events | %.1f windows/s | ETA %s",
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), windowsDone, totalWindows, events,
                windowsDone / seconds, format(eta));
    }

    /** Back to the start of the line, the new text, and spaces over what is left of a longer previous one. */
    private void overwrite(String line) {
        terminal.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
        lastLineLength = line.length();
    }

    static String format(Duration duration) {
        return duration.toHours() + ":" + twoDigits(duration.toMinutesPart()) + ":" + twoDigits(duration.toSecondsPart());
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
