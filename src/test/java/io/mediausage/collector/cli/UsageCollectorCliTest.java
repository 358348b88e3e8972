package io.mediausage.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageCollectorCliTest {

    @Test
    void should_read_options_and_flags_in_any_order() {
        CommandLine commandLine = CommandLine.parse(new String[] {
            "backfill", "--all", "--from", "2026-01-01T00:00:00Z", "--dry-run", "--to", "2026-02-01T00:00:00Z"});

        assertThat(commandLine.command()).isEqualTo("backfill");
        assertThat(commandLine.flag("--all")).isTrue();
        assertThat(commandLine.flag("--dry-run")).isTrue();
        assertThat(commandLine.instant("--to")).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void should_run_the_collector_when_no_command_is_given() {
        assertThat(CommandLine.parse(new String[] {"--config", "x.properties"}).command())
                .isEqualTo("run");
    }

    @Test
    void should_name_the_option_when_a_time_is_not_an_instant() {
        CommandLine commandLine = CommandLine.parse(new String[] {"once", "--from", "today"});

        assertThatThrownBy(() -> commandLine.instant("--from")).hasMessageContaining("--from")
                .hasMessageContaining("today");
    }

    @Test
    void should_exit_2_with_usage_for_an_unknown_command() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UsageCollectorCli cli = new UsageCollectorCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(cli.execute(new String[] {"collect"})).isEqualTo(UsageCollectorCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'collect'").contains("usage:");
    }

    @Test
    void should_print_the_usage_on_stdout_and_exit_0_for_help_and_dash_dash_help() throws Exception {
        for (String[] args : List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {"backfill", "--help"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            UsageCollectorCli cli = new UsageCollectorCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(UsageCollectorCli.OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).startsWith("usage:")
                    .contains("status [--dead-letters N]");
            assertThat(err.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void should_name_the_option_when_a_duration_is_not_one() {
        CommandLine commandLine = CommandLine.parse(new String[] {"status", "--since", "7d"});

        assertThatThrownBy(() -> commandLine.duration("--since", "P7D")).hasMessageContaining("--since")
                .hasMessageContaining("'7d'");
        assertThat(CommandLine.parse(new String[] {"status"}).duration("--since", "P7D"))
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void should_show_windows_done_events_elapsed_and_eta() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        BackfillProgress progress = new BackfillProgress(new PrintStream(terminal, true, StandardCharsets.UTF_8), 4,
                System.nanoTime() - Duration.ofSeconds(10).toNanos(), false);
        WindowTask task = new WindowTask(TestSources.source(new LiveTranscodeUsageApi(),
                "https://live.cn-north-4.myhuaweicloud.com", Map.of("projectId", "p1", "region", "cn-north-4")),
                new Window(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z")));

        progress.windowDone(task, 1, 4, 120, null);

        // one window of four in about ten seconds: about thirty to go
        assertThat(terminal.toString(StandardCharsets.UTF_8)).startsWith("[1/4] test-source ")
                .contains(": 120 events | 120 events | elapsed 0:00:1").contains("| ETA 0:00:3");
    }

    @Test
    void should_write_elapsed_times_as_hours_and_two_digit_minutes_and_seconds() {
        assertThat(BackfillProgress.format(Duration.ofSeconds(7))).isEqualTo("0:00:07");
        assertThat(BackfillProgress.format(Duration.ofSeconds(12 * 60 + 34))).isEqualTo("0:12:34");
        assertThat(BackfillProgress.format(Duration.ofHours(27).plusMinutes(5).plusSeconds(10))).isEqualTo("27:05:10");
    }

    @Test
    void should_rewrite_one_line_in_place_on_a_terminal_with_failures_on_lines_of_their_own() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        BackfillProgress progress = new BackfillProgress(new PrintStream(terminal, true, StandardCharsets.UTF_8), 4,
                System.nanoTime() - Duration.ofSeconds(10).toNanos(), true);
        WindowTask task = new WindowTask(TestSources.source(new LiveTranscodeUsageApi(),
                "https://live.cn-north-4.myhuaweicloud.com", Map.of("projectId", "p1", "region", "cn-north-4")),
                new Window(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z")));

        progress.windowDone(task, 1, 4, 120, null);
        progress.windowDone(task, 2, 4, 0, "APIGW.0301: bad signature");
        progress.finish();

        String printed = terminal.toString(StandardCharsets.UTF_8);
        String[] lines = printed.split("\n", -1);
        assertThat(lines).hasSize(3); // the failure, the progress line, and nothing after the end of it
        assertThat(lines[0]).startsWith("\r[######..................] 1/4 windows | 120 events | ")
                .contains(" windows/s | ETA 0:00:3")
                .endsWith("\rFAILED test-source [2026-01-01T00:00:00Z, 2026-01-02T00:00:00Z): APIGW.0301: bad signature");
        assertThat(lines[1]).startsWith("\r[############............] 2/4 windows | 120 events | ").contains("ETA 0:00:1");
        assertThat(lines[2]).isEmpty();
        assertThat(printed).doesNotContain("\u001b");
    }

    @Test
    void should_take_the_progress_style_from_the_option_when_given() {
        assertThat(BackfillProgress.inPlace("bar")).isTrue();
        assertThat(BackfillProgress.inPlace("lines")).isFalse();
        assertThatThrownBy(() -> BackfillProgress.inPlace("fancy")).hasMessageContaining("--progress");
    }
}
