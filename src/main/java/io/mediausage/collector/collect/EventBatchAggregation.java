package io.mediausage.collector.collect;

import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.event.UsageEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers what the calls of a window brought back: their events into one list (the body), so the window is published
 * as a whole, and per item whether it was collected ({@link CollectRoutes#COLLECTED_ITEMS}) or failed
 * ({@link CollectRoutes#FAILED_ITEMS}).
 */
final class EventBatchAggregation implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange collected, Exchange call) {
        if (collected == null) {
            collected = call;
            collected.setProperty(CollectRoutes.FAILED_ITEMS, new ArrayList<ItemFailure>());
            collected.setProperty(CollectRoutes.COLLECTED_ITEMS, new LinkedHashSet<String>());
            Object outcome = call.getMessage().getBody();
            call.getMessage().setBody(new ArrayList<UsageEvent>());
            return add(collected, outcome, call.getProperty(CollectRoutes.API_CALL, ApiCall.class));
        }
        return add(collected, call.getMessage().getBody(), call.getProperty(CollectRoutes.API_CALL, ApiCall.class));
    }

    @SuppressWarnings("unchecked")
    private static Exchange add(Exchange collected, Object outcome, ApiCall call) {
        if (outcome instanceof ItemFailure failure) {
            collected.getProperty(CollectRoutes.FAILED_ITEMS, List.class).add(failure);
        } else {
            collected.getMessage().getBody(List.class).addAll((List<UsageEvent>) outcome);
            call.item().ifPresent(collected.getProperty(CollectRoutes.COLLECTED_ITEMS, Set.class)::add);
        }
        return collected;
    }
}
