package io.mediausage.collector.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.event.UsageJson;
import io.mediausage.collector.testing.CapturedLog;
import io.mediausage.collector.window.Window;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckpointRecordReaderTest {

    private static final String BACKFILL = "backfill live 2026-01-01T00:00:00Z/2026-01-11T00:00:00Z";

    private final CheckpointRecordReader reader = new CheckpointRecordReader(UsageJson.objectMapper());
    private final CapturedLog log = CapturedLog.of(CheckpointRecordReader.class);

    @AfterEach
    void release() {
        log.close();
    }

    private void read(String key, String value) {
        reader.read(key, value, "usage.collector.checkpoints-0@7");
    }

    private static String checkpoint(String source, String until) {
        return "{\"source\":\"" + source + "\",\"collectedUntil\":\"" + until + "\"}";
    }

    @Test
    void should_keep_the_latest_checkpoint_of_each_source() {
        read("live", checkpoint("live", "2026-01-02T00:00:00Z"));
        read("mps", checkpoint("mps", "2026-01-05T00:00:00Z"));
        read("live", checkpoint("live", "2026-01-03T00:00:00Z"));

        assertThat(reader.sources()).containsOnlyKeys("live", "mps")
                .containsEntry("live", Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void given_a_tombstone_as_the_latest_record_then_the_source_has_no_checkpoint_and_a_warning_names_it() {
        read("live", checkpoint("live", "2026-01-02T00:00:00Z"));
        read("live", null);

        assertThat(reader.sources()).isEmpty();
        assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("'live'")
                .contains("starts again from its start");
    }

    @Test
    void given_a_checkpoint_after_a_tombstone_then_it_counts() {
        read("live", null);
        read("live", checkpoint("live", "2026-01-04T00:00:00Z"));

        assertThat(reader.sources()).containsEntry("live", Instant.parse("2026-01-04T00:00:00Z"));
    }

    @Test
    void given_a_record_that_is_not_json_then_it_is_skipped_with_a_warning_and_the_checkpoint_before_stands() {
        read("live", checkpoint("live", "2026-01-02T00:00:00Z"));
        read("live", "\u0000\u0001 garbage " + "x".repeat(10_000));

        assertThat(reader.sources()).containsEntry("live", Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("'live'")
                .contains("not JSON").doesNotContain("x".repeat(300));
    }

    @Test
    void given_a_source_checkpoint_whose_time_is_no_instant_then_it_is_skipped_with_a_warning() {
        read("live", checkpoint("live", "yesterday"));

        assertThat(reader.sources()).isEmpty();
        assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("'live'");
    }

    @Test
    void given_a_record_without_key_then_it_is_skipped_with_a_warning() {
        read(null, checkpoint("live", "2026-01-02T00:00:00Z"));

        assertThat(reader.sources()).isEmpty();
        assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("without a key");
    }

    @Test
    void given_a_kind_of_record_it_does_not_know_then_it_is_skipped_at_debug() {
        read("lease live 2026-01-01T00:00:00Z", "{\"source\":\"live\",\"owner\":\"replica-1\"}");

        assertThat(reader.sources()).isEmpty();
        assertThat(reader.backfills()).isEmpty();
        assertThat(log.lines()).singleElement().asString().startsWith("DEBUG").contains("'lease live");
    }

    @Test
    void should_read_an_item_gap_and_forget_it_quietly_at_its_tombstone() {
        ItemGap gap = new ItemGap("vod", "f1", new Window(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z")), "InvalidParameterValue.FileId", "req-1");
        read(gap.key(), "{\"kind\":\"gap\",\"source\":\"vod\",\"item\":\"f1\",\"windowStart\":"
                + "\"2026-01-01T00:00:00Z\",\"windowEnd\":\"2026-01-02T00:00:00Z\",\"errorCode\":"
                + "\"InvalidParameterValue.FileId\",\"requestId\":\"req-1\"}");
        assertThat(reader.gaps()).containsExactly(java.util.Map.entry(gap.key(), gap));

        read(gap.key(), null);

        assertThat(reader.gaps()).isEmpty();
        assertThat(reader.sources()).isEmpty();
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void should_read_a_backfill_checkpoint_in_either_format() {
        read(BACKFILL, "{\"source\":\"" + BACKFILL + "\",\"collectedUntil\":\"2026-01-03T00:00:00Z\"}");
        assertThat(reader.backfills().get(BACKFILL).committed()).containsExactly(
                new Window(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-03T00:00:00Z")));

        read(BACKFILL, "{\"committed\":[\"2026-01-01T00:00:00Z/2026-01-03T00:00:00Z\","
                + "\"2026-01-04T00:00:00Z/2026-01-05T00:00:00Z\"]}");
        assertThat(reader.backfills().get(BACKFILL).committed()).hasSize(2);
        assertThat(reader.sources()).isEmpty();
    }

    @Test
    void given_a_tombstone_for_a_backfill_then_it_starts_over() {
        read(BACKFILL, "{\"committed\":[\"2026-01-01T00:00:00Z/2026-01-03T00:00:00Z\"]}");
        read(BACKFILL, null);

        assertThat(reader.backfills()).isEmpty();
        assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains(BACKFILL);
    }

    @Test
    void given_an_unreadable_backfill_checkpoint_then_it_is_skipped_with_a_warning() {
        read(BACKFILL, "[1, 2]");

        assertThat(reader.backfills()).isEmpty();
        assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains(BACKFILL);
    }
}
