package io.mediausage.collector.checkpoint;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How far a source has collected: every bucket that ends at or before {@code collectedUntil} is published and
 * acknowledged. Stored as a small map so the record in the checkpoint topic stays readable.
 */
public record Checkpoint(String sourceName, Instant collectedUntil) {

    public Checkpoint {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(collectedUntil, "collectedUntil");
    }

    public Map<String, String> toMap() {
        return Map.of("source", sourceName, "collectedUntil", collectedUntil.toString());
    }

    public static Checkpoint fromMap(Map<String, String> map) {
        return new Checkpoint(map.get("source"), Instant.parse(map.get("collectedUntil")));
    }
}
