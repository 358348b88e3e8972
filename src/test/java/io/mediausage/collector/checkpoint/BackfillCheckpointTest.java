package io.mediausage.collector.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackfillCheckpointTest {

    private static final String NAME = BackfillCheckpoint.name("live", Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-11T00:00:00Z"));

    private static Window days(int fromDay, int toDay) {
        return new Window(Instant.parse(String.format("2026-01-%02dT00:00:00Z", fromDay)),
                Instant.parse(String.format("2026-01-%02dT00:00:00Z", toDay)));
    }

    private static BackfillCheckpoint committed(Window... windows) {
        BackfillCheckpoint checkpoint = BackfillCheckpoint.none(NAME);
        for (Window window : windows) {
            checkpoint = BackfillCheckpoint.after(NAME, Optional.of(checkpoint), window);
        }
        return checkpoint;
    }

    @Test
    void should_be_named_after_the_source_and_the_range() {
        assertThat(NAME).isEqualTo("backfill live 2026-01-01T00:00:00Z/2026-01-11T00:00:00Z");
    }

    @Test
    void should_merge_adjacent_windows_into_one_range_in_any_order() {
        assertThat(committed(days(3, 4), days(1, 2), days(2, 3)).committed()).containsExactly(days(1, 4));
    }

    @Test
    void should_keep_the_gap_of_a_failed_middle_window() {
        assertThat(committed(days(1, 2), days(3, 4), days(4, 5)).committed()).containsExactly(days(1, 2), days(3, 5));
    }

    @Test
    void should_not_grow_for_a_window_it_already_covers() {
        assertThat(committed(days(1, 5), days(2, 3))).isEqualTo(committed(days(1, 5)));
    }

    @Test
    void should_find_exactly_the_failed_window_missing() {
        assertThat(committed(days(1, 2), days(3, 4), days(4, 5)).missing(days(1, 5).start(), days(1, 5).end()))
                .containsExactly(days(2, 3));
    }

    @Test
    void should_find_the_whole_range_missing_when_nothing_is_committed() {
        assertThat(BackfillCheckpoint.none(NAME).missing(days(1, 11).start(), days(1, 11).end()))
                .containsExactly(days(1, 11));
    }

    @Test
    void should_find_the_edges_missing_around_what_is_committed() {
        assertThat(committed(days(3, 4), days(6, 7)).missing(days(1, 11).start(), days(1, 11).end()))
                .containsExactly(days(1, 3), days(4, 6), days(7, 11));
    }

    @Test
    void should_find_nothing_missing_past_what_was_asked() {
        assertThat(committed(days(1, 3)).missing(days(2, 3).start(), days(2, 3).end())).isEmpty();
    }

    @Test
    void should_round_trip_through_its_map_as_iso_intervals() {
        BackfillCheckpoint checkpoint = committed(days(1, 2), days(3, 5));

        assertThat(checkpoint.toMap()).isEqualTo(Map.of("committed",
                List.of("2026-01-01T00:00:00Z/2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z/2026-01-05T00:00:00Z")));
        assertThat(BackfillCheckpoint.fromMap(NAME, checkpoint.toMap())).isEqualTo(checkpoint);
    }

    @Test
    void should_read_the_older_collected_until_as_committed_from_the_start_of_its_range() {
        BackfillCheckpoint legacy = BackfillCheckpoint.fromMap(NAME,
                Map.of("source", NAME, "collectedUntil", "2026-01-04T00:00:00Z"));

        assertThat(legacy.committed()).containsExactly(days(1, 4));
        assertThat(legacy.missing(days(1, 11).start(), days(1, 11).end())).containsExactly(days(4, 11));
    }

    @Test
    void should_refuse_a_map_without_ranges() {
        assertThatThrownBy(() -> BackfillCheckpoint.fromMap(NAME, Map.of("committed", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("committed");
        assertThatThrownBy(() -> BackfillCheckpoint.fromMap(NAME, Map.of("committed", List.of("2026-01-01"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    }
}
