package io.mediausage.collector.collect;

import io.mediausage.collector.catalog.SourceCatalog;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.api.UsageSource;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * For a scheduled run of the source named in the body: the windows now due, oldest first; none when another replica
 * of the group owns the source.
 */
public record ScheduledWindows(SourceCatalog catalog, CollectionPlanner planner, SourceOwnership ownership)
        implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        UsageSource source = catalog.get(exchange.getMessage().getMandatoryBody(String.class));
        exchange.getMessage().setBody(ownership.owns(source) ? planner.scheduled(source) : List.of());
    }
}
