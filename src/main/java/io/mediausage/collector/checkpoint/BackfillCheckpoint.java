package io.mediausage.collector.checkpoint;

import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backfill of one source's {@code [from, to)} has committed: its windows merged into disjoint ranges, oldest
 * first, as Airbyte's ConcurrentCursor keeps its state. A window that failed is simply not in it, so the windows
 * committed after a failure stay committed and a rerun collects only what is missing. Stored in the checkpoint
 * topic under {@link #name}, moved in each window's transaction.
 *
 * @param name      its key in the checkpoint topic: {@code backfill <source> <from>/<to>}
 * @param committed disjoint, non-adjacent ranges, oldest first (normalized on construction)
 */
public record BackfillCheckpoint(String name, List<Window> committed) {

    static final String KEY_PREFIX = "backfill ";
    private static final String COMMITTED = "committed";
    /** The format before ranges: one contiguous run of windows from the backfill's start. */
    private static final String LEGACY_COLLECTED_UNTIL = "collectedUntil";

    public BackfillCheckpoint {
        Objects.requireNonNull(name, "name");
        committed = merged(committed);
    }

    /** The checkpoint name of the backfill of {@code [from, to)} of a source: the range is part of its identity. */
    public static String name(String sourceName, Instant from, Instant to) {
        return KEY_PREFIX + sourceName + " " + from + "/" + to;
    }

    /** A backfill that has committed nothing yet. */
    public static BackfillCheckpoint none(String name) {
        return new BackfillCheckpoint(name, List.of());
    }

    /** The checkpoint after {@code window} is committed, whatever came before: ranges never shrink. */
    public static BackfillCheckpoint after(String name, Optional<BackfillCheckpoint> current, Window window) {
        return current.orElseGet(() -> none(name)).with(window);
    }

    public BackfillCheckpoint with(Window window) {
        List<Window> ranges = new ArrayList<>(committed);
        ranges.add(window);
        return new BackfillCheckpoint(name, ranges);
    }

    /** The parts of {@code [from, to)} no committed range covers, oldest first. */
    public List<Window> missing(Instant from, Instant to) {
        List<Window> missing = new ArrayList<>();
        Instant cursor = from;
        for (Window range : committed) {
            if (!range.end().isAfter(cursor)) {
                continue;
            }
            if (!range.start().isBefore(to)) {
                break;
            }
            if (range.start().isAfter(cursor)) {
                missing.add(new Window(cursor, range.start()));
            }
            cursor = range.end();
        }
        if (cursor.isBefore(to)) {
            missing.add(new Window(cursor, to));
        }
        return missing;
    }

    public boolean isEmpty() {
        return committed.isEmpty();
    }

    /** Ranges as ISO-8601 intervals ({@code start/end}), compact and readable in the topic. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(COMMITTED, committed.stream().map(range -> range.start() + "/" + range.end()).toList());
        return map;
    }

    /**
     * Reads either format: ranges, or the older single {@code collectedUntil}, which meant every window from the
     * backfill's {@code from} (in its name) up to it was committed.
     *
     * @throws IllegalArgumentException when the map has neither, or a range is not one (DateTimeParseException
     *                                  when a time is not an ISO-8601 instant)
     */
    public static BackfillCheckpoint fromMap(String name, Map<String, ?> map) {
        if (map.get(COMMITTED) instanceof List<?> ranges) {
            return new BackfillCheckpoint(name, ranges.stream().map(BackfillCheckpoint::interval).toList());
        }
        if (map.get(LEGACY_COLLECTED_UNTIL) instanceof String collectedUntil) {
            Instant from = rangeOf(name).start();
            Instant until = Instant.parse(collectedUntil);
            return new BackfillCheckpoint(name, until.isAfter(from) ? List.of(new Window(from, until)) : List.of());
        }
        throw new IllegalArgumentException("neither '" + COMMITTED + "' ranges nor '" + LEGACY_COLLECTED_UNTIL + "'");
    }

    /** The {@code [from, to)} a backfill name was made of. */
    static Window rangeOf(String name) {
        if (!name.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("not a backfill checkpoint name: " + name);
        }
        return interval(name.substring(name.lastIndexOf(' ') + 1));
    }

    private static Window interval(Object text) {
        String[] bounds = String.valueOf(text).split("/", -1);
        if (bounds.length != 2) {
            throw new IllegalArgumentException("not an ISO-8601 interval start/end: " + text);
        }
        return new Window(Instant.parse(bounds[0]), Instant.parse(bounds[1]));
    }

    /** Sorted, with overlapping and adjacent ranges joined, so that equal coverage is an equal value. */
    private static List<Window> merged(List<Window> ranges) {
        List<Window> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Window::start));
        List<Window> merged = new ArrayList<>();
        for (Window range : sorted) {
            Window last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !range.start().isAfter(last.end())) {
                if (range.end().isAfter(last.end())) {
                    merged.set(merged.size() - 1, new Window(last.start(), range.end()));
                }
            } else {
                merged.add(range);
            }
        }
        return List.copyOf(merged);
    }
}
