package io.mediausage.collector.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

    private static final BucketGrid CST_DAYS = BucketGrid.daily(BucketGrid.CHINA_STANDARD_TIME);
    private static final WindowPolicy MPS_LIKE = new WindowPolicy(CST_DAYS, 89, Duration.ofDays(365));
    private static final WindowPolicy HOURLY = new WindowPolicy(BucketGrid.hourly(ZoneOffset.UTC), 743,
            Duration.ofDays(365));
    private static final Instant NOW = Instant.parse("2026-11-22T10:17:00Z");

    private final WindowPlanner planner = new WindowPlanner();

    @Test
    void should_cover_a_120_day_range_with_consecutive_windows_that_share_no_bucket() {
        Instant from = Instant.parse("2026-07-01T16:00:00Z");
        Instant to = from.plus(Duration.ofDays(120));

        List<Window> windows = planner.plan(from, to, MPS_LIKE, NOW).windows();

        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).start()).isEqualTo(from);
        assertThat(windows.get(0).end()).isEqualTo(windows.get(1).start());
        assertThat(windows.get(1).end()).isEqualTo(to);
        assertThat(CST_DAYS.bucketsBetween(windows.get(0).start(), windows.get(0).end())).isEqualTo(89);
        long buckets = windows.stream().mapToLong(w -> CST_DAYS.bucketsBetween(w.start(), w.end())).sum();
        assertThat(buckets).isEqualTo(120);
    }

    @Test
    void should_align_days_to_midnight_in_utc_plus_8() {
        Instant from = Instant.parse("2026-11-01T00:00:00Z"); // 08:00 on Nov 1st in UTC+8
        Instant to = Instant.parse("2026-11-03T00:00:00Z");

        List<Window> windows = planner.plan(from, to, MPS_LIKE, NOW).windows();

        // Nov 1st (UTC+8) starts at Oct 31st 16:00 UTC; Nov 2nd ends at Nov 2nd 16:00 UTC; Nov 3rd is unfinished
        assertThat(windows).containsExactly(
                new Window(Instant.parse("2026-10-31T16:00:00Z"), Instant.parse("2026-11-02T16:00:00Z")));
    }

    @Test
    void should_leave_a_bucket_in_progress_for_a_later_run() {
        Instant from = Instant.parse("2026-11-22T07:00:00Z");

        List<Window> windows = planner.plan(from, Instant.parse("2026-11-22T09:59:59Z"), HOURLY, NOW).windows();

        assertThat(windows).containsExactly(
                new Window(Instant.parse("2026-11-22T07:00:00Z"), Instant.parse("2026-11-22T09:00:00Z")));
    }

    @Test
    void should_plan_nothing_when_no_whole_bucket_fits() {
        WindowPlan plan = planner.plan(Instant.parse("2026-11-22T07:10:00Z"), Instant.parse("2026-11-22T07:50:00Z"),
                HOURLY, NOW);

        assertThat(plan.windows()).isEmpty();
    }

    @Test
    void should_split_a_40_day_hourly_range_under_the_31_day_limit() {
        Instant from = Instant.parse("2026-09-01T00:00:00Z");

        List<Window> windows = planner.plan(from, from.plus(Duration.ofDays(40)), HOURLY, NOW).windows();

        assertThat(windows).hasSize(2);
        assertThat(windows).allSatisfy(w -> assertThat(Duration.between(w.start(), w.end()))
                .isLessThan(Duration.ofDays(31)));
        assertThat(windows.get(0).end()).isEqualTo(windows.get(1).start());
    }

    @Test
    void should_start_at_the_oldest_bucket_the_api_still_serves_and_say_so() {
        WindowPlan plan = planner.plan(NOW.minus(Duration.ofDays(400)), NOW, MPS_LIKE, NOW);

        Instant oldest = plan.windows().get(0).start();
        assertThat(plan.wasClamped()).isTrue();
        assertThat(plan.clampedFrom()).isEqualTo(oldest);
        assertThat(oldest).isAfterOrEqualTo(NOW.minus(Duration.ofDays(365)));
        assertThat(CST_DAYS.isAligned(oldest)).isTrue();
    }

    @Test
    void should_not_clamp_a_range_inside_retention() {
        assertThat(planner.plan(NOW.minus(Duration.ofDays(3)), NOW, MPS_LIKE, NOW).wasClamped()).isFalse();
    }
}
