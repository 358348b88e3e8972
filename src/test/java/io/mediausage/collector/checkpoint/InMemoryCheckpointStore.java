package io.mediausage.collector.checkpoint;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Checkpoints in memory, for unit tests of what plans from them. */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, Instant> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> collectedUntil(String sourceName) {
        return Optional.ofNullable(checkpoints.get(sourceName));
    }

    /** Sets a checkpoint, as a committed window would. */
    public void advance(String sourceName, Instant until) {
        checkpoints.merge(sourceName, until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }
}
