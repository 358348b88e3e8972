package io.mediausage.collector.checkpoint;

import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Checkpoints in memory, for unit tests of what plans from them. */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, Instant> checkpoints = new ConcurrentHashMap<>();
    private final List<ItemGap> gaps = new CopyOnWriteArrayList<>();
    private final Map<String, BackfillCheckpoint> backfills = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> collectedUntil(String sourceName) {
        return Optional.ofNullable(checkpoints.get(sourceName));
    }

    @Override
    public List<ItemGap> gaps(String sourceName) {
        return gaps.stream().filter(gap -> gap.sourceName().equals(sourceName)).sorted(
                Comparator.comparing(ItemGap::window)).toList();
    }

    /** Opens a gap, as a committed window that could not collect an item would. */
    public void open(ItemGap gap) {
        gaps.add(gap);
    }

    @Override
    public Optional<BackfillCheckpoint> backfill(String checkpointName) {
        return Optional.ofNullable(backfills.get(checkpointName));
    }

    /** Sets a checkpoint, as a committed window would. */
    public void advance(String sourceName, Instant until) {
        checkpoints.merge(sourceName, until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    /** Adds a window to a backfill's checkpoint, as its commit would. */
    public void committed(String checkpointName, Window window) {
        backfills.put(checkpointName, BackfillCheckpoint.after(checkpointName, backfill(checkpointName), window));
    }
}
