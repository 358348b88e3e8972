package io.mediausage.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    final StatusCommand status = new StatusCommand(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());

    @Test
    void should_read_a_sources_checkpoint_and_skip_tombstones_other_shapes_and_other_sources() {
        assertThat(status.checkpoint("mps-main", "{\"source\":\"mps-main\",\"collectedUntil\":\"2026-11-22T16:00:00Z\"}"))
                .contains(Instant.parse("2026-11-22T16:00:00Z"));
        assertThat(status.checkpoint("mps-main", null)).isEmpty();
        assertThat(status.checkpoint("mps-main", "not json")).isEmpty();
        assertThat(status.checkpoint("mps-main", "{\"source\":\"mps-main\",\"collectedUntil\":\"yesterday\"}")).isEmpty();
        assertThat(status.checkpoint("mps-main", "{\"source\":\"mps-main\",\"gaps\":[]}")).isEmpty();
        assertThat(status.checkpoint("mps-main", "{\"source\":\"other\",\"collectedUntil\":\"2026-11-22T16:00:00Z\"}"))
                .isEmpty();
    }

    @Test
    void should_read_a_dead_letter_with_or_without_request_id_and_skip_what_is_not_one() {
        String letter = """
                {"source":"live-main","api":"huawei-live-transcode-usage","action":"ListTranscodeData",
                 "region":"cn-north-4","windowStart":"2026-11-22T07:00:00Z","windowEnd":"2026-11-22T08:00:00Z",
                 "errorCode":"APIGW.0301","message":"m","cloudRequestId":"r-1","retriable":false,"attempts":1,
                 "failedAt":"2026-11-22T10:00:03Z"}""";

        assertThat(status.deadLetter(letter)).contains(new SourceStatus.DeadLetter("live-main",
                Instant.parse("2026-11-22T10:00:03Z"), Instant.parse("2026-11-22T07:00:00Z"),
                Instant.parse("2026-11-22T08:00:00Z"), "ListTranscodeData", "APIGW.0301", "r-1"));
        assertThat(status.deadLetter(letter.replace("\"r-1\"", "null")).orElseThrow().requestId()).isNull();
        assertThat(status.deadLetter(null)).isEmpty();
        assertThat(status.deadLetter("{\"source\":\"live-main\"}")).isEmpty();
        assertThat(status.deadLetter("[")).isEmpty();
    }

    @Test
    void should_be_behind_only_above_the_healthy_bound() {
        Instant until = Instant.parse("2026-11-22T16:00:00Z");

        assertThat(new SourceStatus("s", until, true, Duration.ofHours(4), Duration.ofHours(4), List.of()).behind())
                .isFalse();
        assertThat(new SourceStatus("s", until, true, Duration.ofHours(4).plusSeconds(1), Duration.ofHours(4),
                List.of()).behind()).isTrue();
    }

    @Test
    void should_print_a_line_per_source_and_one_per_dead_letter() {
        SourceStatus behind = new SourceStatus("live-main", Instant.parse("2026-11-20T03:00:00Z"), false,
                Duration.ofHours(51), Duration.ofHours(4), List.of(new SourceStatus.DeadLetter("live-main",
                        Instant.parse("2026-11-22T10:00:03Z"), Instant.parse("2026-11-22T07:00:00Z"),
                        Instant.parse("2026-11-22T08:00:00Z"), "ListTranscodeData", "SocketTimeoutException", null)));

        assertThat(StatusCommand.format(behind)).isEqualTo("""
                source live-main: collected until 2026-11-20T03:00:00Z (no checkpoint: its start), lag 51:00:00, \
                healthy bound 4:00:00: BEHIND
                  dead letter 2026-11-22T10:00:03Z: window [2026-11-22T07:00:00Z, 2026-11-22T08:00:00Z) \
                ListTranscodeData SocketTimeoutException, RequestId none (no answer)""".replace("\n", System.lineSeparator()));
    }
}
