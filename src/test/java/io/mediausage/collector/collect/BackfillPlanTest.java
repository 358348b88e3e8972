package io.mediausage.collector.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

    private static Window day(int day) {
        return new Window(Instant.parse(String.format("2026-01-%02dT00:00:00Z", day)),
                Instant.parse(String.format("2026-01-%02dT00:00:00Z", day + 1)));
    }

    @Test
    void should_not_speak_of_resuming_a_first_run() {
        assertThat(BackfillPlan.whole("live", List.of()).resumption()).isEmpty();
    }

    @Test
    void should_name_only_the_first_committed_ranges_and_count_the_others() {
        BackfillPlan plan = new BackfillPlan("live", List.of(), 9, List.of(day(1), day(3), day(5), day(7), day(9)));

        assertThat(plan.resumption()).contains("resuming: 0 of 9 windows left; an earlier run of this backfill "
                + "committed [2026-01-01T00:00:00Z, 2026-01-02T00:00:00Z), [2026-01-03T00:00:00Z, 2026-01-04T00:00:00Z), "
                + "[2026-01-05T00:00:00Z, 2026-01-06T00:00:00Z) and 2 more range(s)");
    }
}
