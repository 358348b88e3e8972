package io.mediausage.collector.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far each source has collected (the end of the last window whose events are committed to Kafka), and what
 * each backfill has committed of its range.
 */
public interface CheckpointStore {

    /** A store with no checkpoint, gap or backfill at all: a dry run's, which needs no broker. */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<Instant> collectedUntil(String sourceName) {
            return Optional.empty();
        }

        @Override
        public Optional<BackfillCheckpoint> backfill(String checkpointName) {
            return Optional.empty();
        }
    };

    Optional<Instant> collectedUntil(String sourceName);

    /** @param checkpointName see {@link BackfillCheckpoint#name} */
    Optional<BackfillCheckpoint> backfill(String checkpointName);

    /** The source's open item gaps (see {@link ItemGap}), oldest window first; none for a store that keeps none. */
    default List<ItemGap> gaps(String sourceName) {
        return List.of();
    }
}
