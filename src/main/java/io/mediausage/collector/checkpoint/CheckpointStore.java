package io.mediausage.collector.checkpoint;

import java.time.Instant;
import java.util.Optional;

/** How far each source has collected: the end of the last window whose events are committed to Kafka. */
public interface CheckpointStore {

    Optional<Instant> collectedUntil(String sourceName);
}
