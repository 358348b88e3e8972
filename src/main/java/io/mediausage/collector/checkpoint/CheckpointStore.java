package io.mediausage.collector.checkpoint;

import java.time.Instant;
import java.util.Optional;

/** How far each source has collected: the end of the last window whose events the broker acknowledged. */
public interface CheckpointStore {

    Optional<Instant> collectedUntil(String sourceName);

    /** Records that every bucket before {@code until} is published; never moves a checkpoint backwards. */
    void advance(String sourceName, Instant until);
}
