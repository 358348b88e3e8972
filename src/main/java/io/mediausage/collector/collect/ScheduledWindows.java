package io.mediausage.collector.collect;

import io.mediausage.collector.catalog.SourceCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** For a scheduled run of the source named in the body: the windows now due, oldest first. */
public final class ScheduledWindows implements Processor {

    private final SourceCatalog catalog;
    private final CollectionPlanner planner;

    public ScheduledWindows(SourceCatalog catalog, CollectionPlanner planner) {
        this.catalog = catalog;
        this.planner = planner;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String sourceName = exchange.getMessage().getMandatoryBody(String.class);
        exchange.getMessage().setBody(planner.scheduled(catalog.get(sourceName)));
    }
}
