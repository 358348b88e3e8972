package io.mediausage.collector.kafka;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.checkpoint.ItemGap;
import io.mediausage.collector.task.ItemFailure;
import io.mediausage.collector.task.WindowTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * The gaps a window's transaction opens and closes: one opened per item that failed (unless the window is itself the
 * repair of that item, whose gaps simply stay open), and closed every open gap of the source that the window covers
 * for an item it collected.
 */
record ItemGaps(List<ItemGap> opened, List<ItemGap> closed) {

    @SuppressWarnings("unchecked")
    static ItemGaps of(Exchange exchange, List<ItemGap> open, boolean repair) {
        WindowTask task = exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
        List<ItemFailure> failed = exchange.getProperty(UsageExchange.FAILED_ITEMS, List.of(), List.class);
        Set<String> collected = exchange.getProperty(UsageExchange.COLLECTED_ITEMS, Set.of(), Set.class);
        Set<String> failedItems = failed.stream().map(ItemFailure::item).collect(Collectors.toSet());
        // one gap per item, even where the item had several calls in the window (TRTC's date ranges)
        List<ItemGap> opened = repair ? List.of() : List.copyOf(failed.stream().map(failure -> new ItemGap(
                task.source().name(), failure.item(), task.window(), failure.errorCode(), failure.requestId()))
                .collect(Collectors.toMap(ItemGap::key, gap -> gap, (first, next) -> first, LinkedHashMap::new))
                .values());
        List<ItemGap> closed = open.stream().filter(gap -> collected.contains(gap.item())
                && !failedItems.contains(gap.item()) && gap.closedBy(task.window())).toList();
        return new ItemGaps(opened, closed);
    }
}
