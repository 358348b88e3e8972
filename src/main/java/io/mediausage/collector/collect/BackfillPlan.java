package io.mediausage.collector.collect;

import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.window.Window;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The windows a backfill still has to collect.
 *
 * @param rangeWindows how many windows the whole range has (to the settled edge), committed or not
 * @param committed    what earlier runs of the same backfill committed of the range: the windows avoid it
 */
public record BackfillPlan(String sourceName, List<WindowTask> windows, int rangeWindows, List<Window> committed) {

    /** Past the first few ranges, a resumption line would be more noise than help. */
    static final int RANGES_SHOWN = 3;

    public BackfillPlan {
        windows = List.copyOf(windows);
        committed = List.copyOf(committed);
    }

    /** A plan of every window of the range, as a first run or a dry run (which keeps no checkpoint) has. */
    public static BackfillPlan whole(String sourceName, List<WindowTask> windows) {
        return new BackfillPlan(sourceName, windows, windows.size(), List.of());
    }

    /**
     * What an earlier run left, if there was one, in words for the terminal: {@code resuming: 1234 of 8760 windows
     * left; an earlier run of this backfill committed [a, b), [c, d)}.
     */
    public Optional<String> resumption() {
        if (committed.isEmpty()) {
            return Optional.empty();
        }
        String ranges = committed.stream().limit(RANGES_SHOWN).map(Window::toString)
                .collect(Collectors.joining(", "));
        if (committed.size() > RANGES_SHOWN) {
            ranges += " and " + (committed.size() - RANGES_SHOWN) + " more range(s)";
        }
        return Optional.of(String.format("resuming: %d of %d windows left; an earlier run of this backfill committed %s",
                windows.size(), rangeWindows, ranges));
    }
}
