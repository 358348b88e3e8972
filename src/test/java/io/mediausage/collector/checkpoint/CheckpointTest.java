package io.mediausage.collector.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static Window window(String start, String end) {
        return new Window(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void should_move_to_the_end_of_a_window_that_starts_at_the_source_start() {
        assertThat(Checkpoint.after("s", START, Optional.empty(), window("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")))
                .contains(new Checkpoint("s", Instant.parse("2026-01-02T00:00:00Z")));
    }

    @Test
    void should_not_jump_over_a_gap_left_by_a_one_off_collection_of_a_later_range() {
        assertThat(Checkpoint.after("s", START, Optional.of(Instant.parse("2026-01-02T00:00:00Z")),
                window("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z"))).isEmpty();
    }

    @Test
    void should_not_move_back_for_a_window_already_behind_it() {
        assertThat(Checkpoint.after("s", START, Optional.of(Instant.parse("2026-01-03T00:00:00Z")),
                window("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"))).isEmpty();
    }

    @Test
    void should_move_over_a_window_that_overlaps_it() {
        assertThat(Checkpoint.after("s", START, Optional.of(Instant.parse("2026-01-03T00:00:00Z")),
                window("2026-01-02T00:00:00Z", "2026-01-04T00:00:00Z")))
                .contains(new Checkpoint("s", Instant.parse("2026-01-04T00:00:00Z")));
    }

    @Test
    void should_round_trip_through_its_map() {
        Checkpoint checkpoint = new Checkpoint("mps-main", Instant.parse("2026-01-03T16:00:00Z"));

        assertThat(Checkpoint.fromMap(checkpoint.toMap())).isEqualTo(checkpoint);
        assertThat(checkpoint.toMap()).isEqualTo(Map.of("source", "mps-main", "collectedUntil", "2026-01-03T16:00:00Z"));
    }
}
