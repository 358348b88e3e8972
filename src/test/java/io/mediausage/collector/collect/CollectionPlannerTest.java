package io.mediausage.collector.collect;

import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.task.ResumableRange;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import io.mediausage.collector.api.tencent.VodPlayStatsApi;
import io.mediausage.collector.checkpoint.InMemoryCheckpointStore;
import io.mediausage.collector.checkpoint.ItemGap;
import io.mediausage.collector.signing.Credentials;
import io.mediausage.collector.testing.CapturedLog;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import io.mediausage.collector.window.WindowPlanner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:17:00Z");

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final CollectionPlanner planner = new CollectionPlanner(new WindowPlanner(), checkpoints,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static UsageSource hourlySource(Duration lookback) {
        LiveTranscodeUsageApi api = new LiveTranscodeUsageApi();
        SourceParameters parameters = new SourceParameters("live", Map.of("projectId", "p1", "region", "cn-north-4"));
        return new UsageSource("live", api, URI.create("https://live.cn-north-4.myhuaweicloud.com"), "p1",
                new Credentials("AK000000000000000000", "sk"), "t", Instant.parse("2026-11-20T00:00:00Z"),
                Duration.ofHours(2), lookback, 10, parameters);
    }

    @Test
    void should_start_the_first_run_at_the_start_and_stop_at_the_settled_edge() {
        assertThat(planner.scheduled(hourlySource(Duration.ZERO))).extracting(WindowTask::window).containsExactly(
                new Window(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-22T08:00:00Z")));
    }

    @Test
    void should_resume_from_the_checkpoint() {
        checkpoints.advance("live", Instant.parse("2026-11-22T06:00:00Z"));

        assertThat(planner.scheduled(hourlySource(Duration.ZERO))).extracting(WindowTask::window).containsExactly(
                new Window(Instant.parse("2026-11-22T06:00:00Z"), Instant.parse("2026-11-22T08:00:00Z")));
    }

    @Test
    void should_collect_the_lookback_again_when_caught_up() {
        checkpoints.advance("live", Instant.parse("2026-11-22T08:00:00Z"));

        assertThat(planner.scheduled(hourlySource(Duration.ofHours(3)))).extracting(WindowTask::window).containsExactly(
                new Window(Instant.parse("2026-11-22T05:00:00Z"), Instant.parse("2026-11-22T08:00:00Z")));
    }

    @Test
    void should_plan_nothing_when_caught_up_without_lookback() {
        checkpoints.advance("live", Instant.parse("2026-11-22T08:00:00Z"));

        assertThat(planner.scheduled(hourlySource(Duration.ZERO))).isEmpty();
    }

    private static UsageSource vodSource(String fileIds) {
        VodPlayStatsApi api = new VodPlayStatsApi();
        SourceParameters parameters = new SourceParameters("vod", Map.of("accountId", "1", "granularity", "hour",
                "fileIds", fileIds));
        return new UsageSource("vod", api, URI.create("https://vod.tencentcloudapi.com"), "1",
                new Credentials("AKID0000000000000000", "sk"), "t", Instant.parse("2026-11-20T00:00:00Z"),
                Duration.ZERO, Duration.ZERO, 10, parameters);
    }

    private void gap(String item, String start, String end) {
        checkpoints.open(new ItemGap("vod", item, new Window(Instant.parse(start), Instant.parse(end)),
                "InvalidParameterValue.FileId", "req"));
    }

    @Test
    void should_repair_each_items_oldest_adjacent_gaps_in_one_window_after_the_runs_own_windows() {
        checkpoints.advance("vod", Instant.parse("2026-11-22T09:00:00Z"));
        gap("f1", "2026-11-21T00:00:00Z", "2026-11-21T01:00:00Z");
        gap("f1", "2026-11-21T01:00:00Z", "2026-11-21T05:00:00Z");
        gap("f1", "2026-11-21T08:00:00Z", "2026-11-21T09:00:00Z"); // not adjacent: a later run's
        gap("f2", "2026-11-21T03:00:00Z", "2026-11-21T04:00:00Z");

        List<WindowTask> run = planner.scheduled(vodSource("f1,f2,f3"));

        assertThat(run).extracting(WindowTask::toString).containsExactly(
                "vod [2026-11-22T09:00:00Z, 2026-11-22T10:00:00Z)",
                "vod [2026-11-21T00:00:00Z, 2026-11-21T05:00:00Z) item f1",
                "vod [2026-11-21T03:00:00Z, 2026-11-21T04:00:00Z) item f2");
        assertThat(ApiCallPlanner.calls(run.get(1))).extracting(call -> call.item().orElseThrow())
                .containsExactly("f1");
    }

    @Test
    void should_not_repair_the_gaps_of_an_item_no_longer_listed_or_older_than_the_api_keeps_data() {
        checkpoints.advance("vod", Instant.parse("2026-11-22T10:00:00Z"));
        gap("removed", "2026-11-21T00:00:00Z", "2026-11-21T01:00:00Z");
        gap("f1", "2025-11-01T00:00:00Z", "2025-11-01T01:00:00Z");

        assertThat(planner.scheduled(vodSource("f1,f2"))).isEmpty();
    }

    @Test
    void should_end_a_range_asked_for_at_the_settled_edge_and_say_so() {
        try (CapturedLog log = CapturedLog.of(CollectionPlanner.class)) {
            assertThat(planner.range(hourlySource(Duration.ZERO), Instant.parse("2026-11-22T05:00:00Z"),
                    Instant.parse("2026-11-23T00:00:00Z"))).extracting(WindowTask::window).containsExactly(
                    new Window(Instant.parse("2026-11-22T05:00:00Z"), Instant.parse("2026-11-22T08:00:00Z")));

            assertThat(log.lines()).singleElement().asString().startsWith("WARN").contains("'live'")
                    .contains("2026-11-23T00:00:00Z").contains("2026-11-22T08:17:00Z");
        }
    }

    @Test
    void should_leave_a_settled_range_as_asked() {
        try (CapturedLog log = CapturedLog.of(CollectionPlanner.class)) {
            assertThat(planner.range(hourlySource(Duration.ZERO), Instant.parse("2026-11-22T05:00:00Z"),
                    Instant.parse("2026-11-22T07:00:00Z"))).extracting(WindowTask::window).containsExactly(
                    new Window(Instant.parse("2026-11-22T05:00:00Z"), Instant.parse("2026-11-22T07:00:00Z")));

            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void should_plan_no_window_for_a_range_wholly_in_the_future_and_say_so() {
        try (CapturedLog log = CapturedLog.of(CollectionPlanner.class)) {
            UsageSource source = hourlySource(Duration.ZERO);
            Instant from = Instant.parse("2026-11-22T09:00:00Z");
            Instant to = Instant.parse("2026-11-24T00:00:00Z");

            assertThat(planner.range(source, from, to)).isEmpty();
            assertThat(planner.backfill(source, from, to).windows()).isEmpty();
            assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("WARN")
                    .contains("wholly after 2026-11-22T08:17:00Z"));
        }
    }

    @Test
    void should_plan_a_whole_backfill_without_resuming_when_nothing_is_committed() {
        BackfillPlan plan = planner.backfill(hourlySource(Duration.ZERO), Instant.parse("2026-11-21T00:00:00Z"),
                Instant.parse("2026-11-22T00:00:00Z"));

        assertThat(plan.windows()).extracting(WindowTask::window).containsExactly(
                new Window(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z")));
        assertThat(plan.windows()).allSatisfy(task -> assertThat(task.backfill()).contains(new ResumableRange(
                "backfill live 2026-11-21T00:00:00Z/2026-11-22T00:00:00Z")));
        assertThat(plan.resumption()).isEmpty();
    }

    @Test
    void should_plan_only_the_failed_middle_window_when_a_backfill_runs_again() {
        Instant from = Instant.parse("2026-11-22T00:00:00Z");
        Instant to = Instant.parse("2026-11-22T05:00:00Z");
        String name = ResumableRange.checkpointName("live", from, to);
        checkpoints.committed(name, new Window(from, Instant.parse("2026-11-22T02:00:00Z")));
        // the window [02:00, 03:00) failed; the one after it was committed
        checkpoints.committed(name, new Window(Instant.parse("2026-11-22T03:00:00Z"), to));

        BackfillPlan plan = planner.backfill(hourlySource(Duration.ZERO), from, to);

        assertThat(plan.windows()).extracting(WindowTask::window).containsExactly(
                new Window(Instant.parse("2026-11-22T02:00:00Z"), Instant.parse("2026-11-22T03:00:00Z")));
        assertThat(plan.windows()).allSatisfy(task -> assertThat(task.backfill()).contains(new ResumableRange(name)));
        assertThat(plan.resumption()).contains("resuming: 1 of 1 windows left; an earlier run of this backfill "
                + "committed [2026-11-22T00:00:00Z, 2026-11-22T02:00:00Z), [2026-11-22T03:00:00Z, 2026-11-22T05:00:00Z)");
    }

    @Test
    void should_plan_nothing_when_a_backfill_committed_its_whole_range() {
        Instant from = Instant.parse("2026-11-22T00:00:00Z");
        Instant to = Instant.parse("2026-11-22T05:00:00Z");
        checkpoints.committed(ResumableRange.checkpointName("live", from, to), new Window(from, to));

        BackfillPlan plan = planner.backfill(hourlySource(Duration.ZERO), from, to);

        assertThat(plan.windows()).isEmpty();
        assertThat(plan.resumption()).hasValueSatisfying(text -> assertThat(text).startsWith("resuming: 0 of 1 "));
    }

    @Test
    void should_resume_a_backfill_whose_range_reached_past_the_settled_edge_at_the_settled_edge() {
        Instant from = Instant.parse("2026-11-22T00:00:00Z");
        Instant to = Instant.parse("2026-11-23T00:00:00Z");
        checkpoints.committed(ResumableRange.checkpointName("live", from, to),
                new Window(from, Instant.parse("2026-11-22T06:00:00Z")));

        assertThat(planner.backfill(hourlySource(Duration.ZERO), from, to).windows()).extracting(WindowTask::window)
                .containsExactly(new Window(Instant.parse("2026-11-22T06:00:00Z"), Instant.parse("2026-11-22T08:00:00Z")));
    }
}
