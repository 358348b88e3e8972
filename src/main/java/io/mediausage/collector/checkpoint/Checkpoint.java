package io.mediausage.collector.checkpoint;

import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a source has collected: every bucket that ends at or before {@code collectedUntil} is published and
 * acknowledged. Stored as a small map so the record in the checkpoint topic stays readable.
 */
public record Checkpoint(String sourceName, Instant collectedUntil) {

    public Checkpoint {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(collectedUntil, "collectedUntil");
    }

    /**
     * The checkpoint after publishing {@code window}, if it moves: only over a window that begins at or before the
     * current checkpoint (or the source's start) and ends after it. A one-off collection of a later range must
     * not make the schedule skip the gap before it, and an earlier range must not move it back.
     */
    public static Optional<Checkpoint> after(String sourceName, Instant sourceStart, Optional<Instant> current,
            Window window) {
        Instant collectedUntil = current.orElse(sourceStart);
        if (!window.start().isAfter(collectedUntil) && window.end().isAfter(collectedUntil)) {
            return Optional.of(new Checkpoint(sourceName, window.end()));
        }
        return Optional.empty();
    }

    public Map<String, String> toMap() {
        return Map.of("source", sourceName, "collectedUntil", collectedUntil.toString());
    }

    /** @throws IllegalArgumentException when a field is missing (DateTimeParseException when it is no instant) */
    public static Checkpoint fromMap(Map<String, String> map) {
        String collectedUntil = map.get("collectedUntil");
        if (map.get("source") == null || collectedUntil == null) {
            throw new IllegalArgumentException("a checkpoint needs 'source' and 'collectedUntil'");
        }
        return new Checkpoint(map.get("source"), Instant.parse(collectedUntil));
    }
}
