package io.mediausage.collector.kafka;

import io.mediausage.collector.exchange.UsageExchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.tencent.VodPlayStatsApi;
import io.mediausage.collector.checkpoint.ItemGap;
import io.mediausage.collector.task.ItemFailure;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.signing.Credentials;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ItemGapsTest {

    private static final UsageSource SOURCE = new UsageSource("vod", new VodPlayStatsApi(),
            URI.create("https://vod.tencentcloudapi.com"), "1", new Credentials("AKID0000000000000000", "sk"), "t",
            Instant.parse("2026-11-01T00:00:00Z"), Duration.ZERO, Duration.ZERO, 10,
            new SourceParameters("vod", Map.of("accountId", "1", "granularity", "hour", "fileIds", "a,b,c")));
    private static final Window DAY = new Window(Instant.parse("2026-11-20T00:00:00Z"),
            Instant.parse("2026-11-21T00:00:00Z"));

    private static ItemGap gap(String item, Window window) {
        return new ItemGap("vod", item, window, "InvalidParameterValue.FileId", "req-0");
    }

    private static Exchange window(WindowTask task, List<ItemFailure> failed, Set<String> collected) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(UsageExchange.WINDOW_TASK, task);
        exchange.setProperty(UsageExchange.FAILED_ITEMS, failed);
        exchange.setProperty(UsageExchange.COLLECTED_ITEMS, collected);
        return exchange;
    }

    @Test
    void should_open_one_gap_per_failed_item_and_close_the_gaps_a_collected_item_covers() {
        Window hour = new Window(DAY.start(), DAY.start().plus(Duration.ofHours(1)));
        Window nextDay = new Window(DAY.end(), DAY.end().plus(Duration.ofDays(1)));
        List<ItemGap> open = List.of(gap("a", hour), gap("a", nextDay), gap("b", hour));
        List<ItemFailure> failed = List.of(new ItemFailure("c", "InvalidParameterValue.FileId", "m", "req-1"),
                new ItemFailure("c", "InvalidParameterValue.FileId", "m", "req-2"));

        ItemGaps gaps = ItemGaps.of(window(new WindowTask(SOURCE, DAY), failed, Set.of("a")), open, false);

        assertThat(gaps.opened()).containsExactly(new ItemGap("vod", "c", DAY, "InvalidParameterValue.FileId",
                "req-1"));
        assertThat(gaps.closed()).containsExactly(gap("a", hour)); // b was not collected, nextDay not covered
    }

    @Test
    void should_keep_the_gaps_of_an_item_whose_repair_failed_again_without_opening_more() {
        List<ItemGap> open = List.of(gap("a", DAY));
        List<ItemFailure> failed = List.of(new ItemFailure("a", "InvalidParameterValue.FileId", "m", "req-1"));

        ItemGaps gaps = ItemGaps.of(window(WindowTask.repairing(SOURCE, DAY, "a"), failed, Set.of()), open, true);

        assertThat(gaps.opened()).isEmpty();
        assertThat(gaps.closed()).isEmpty();
    }
}
