package io.mediausage.collector.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How far each source has collected: the end of the last window whose events are committed to Kafka. */
public interface CheckpointStore {

    Optional<Instant> collectedUntil(String sourceName);

    /** The source's open item gaps (see {@link ItemGap}), oldest window first; none for a store that keeps none. */
    default List<ItemGap> gaps(String sourceName) {
        return List.of();
    }
}
