package io.mediausage.collector.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import io.mediausage.collector.checkpoint.InMemoryCheckpointStore;
import io.mediausage.collector.source.UsageSource;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class CheckpointAdvancerTest {

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final CheckpointAdvancer advancer = new CheckpointAdvancer(checkpoints);
    /** TestSources start at 2026-01-01T00:00:00Z. */
    private final UsageSource source = TestSources.source(new LiveTranscodeUsageApi(),
            "https://live.cn-north-4.myhuaweicloud.com", Map.of("projectId", "p1", "region", "cn-north-4"));

    private void published(String start, String end) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(CollectRoutes.WINDOW_TASK,
                new WindowTask(source, new Window(Instant.parse(start), Instant.parse(end))));
        advancer.process(exchange);
    }

    @Test
    void should_move_to_the_end_of_a_window_that_starts_at_the_source_start() {
        published("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");

        assertThat(checkpoints.collectedUntil(source.name())).contains(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void should_not_jump_over_a_gap_left_by_a_one_off_collection_of_a_later_range() {
        published("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
        published("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z");

        assertThat(checkpoints.collectedUntil(source.name())).contains(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void should_not_move_back_for_a_window_already_behind_it() {
        published("2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z");
        published("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");

        assertThat(checkpoints.collectedUntil(source.name())).contains(Instant.parse("2026-01-03T00:00:00Z"));
    }
}
