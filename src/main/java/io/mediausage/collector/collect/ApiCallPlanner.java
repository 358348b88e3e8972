package io.mediausage.collector.collect;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Expands a {@link WindowTask} into the API calls that collect it, and notes where its events go. */
public final class ApiCallPlanner implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        WindowTask task = exchange.getMessage().getMandatoryBody(WindowTask.class);
        exchange.setProperty(CollectRoutes.TOPIC, task.source().topic());
        exchange.getMessage().setBody(task.source().api().calls(task.source(), task.window()));
    }
}
