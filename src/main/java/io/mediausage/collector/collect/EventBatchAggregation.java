package io.mediausage.collector.collect;

import io.mediausage.collector.event.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** Gathers the events of every call of a window into one list, so the window is published as a whole. */
final class EventBatchAggregation implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange collected, Exchange call) {
        List<UsageEvent> events = call.getMessage().getBody(List.class);
        if (collected == null) {
            call.getMessage().setBody(new ArrayList<>(events));
            return call;
        }
        collected.getMessage().getBody(List.class).addAll(events);
        return collected;
    }
}
