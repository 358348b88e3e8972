package io.mediausage.collector.collect;

import io.mediausage.collector.api.ApiCall;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Expands a {@link WindowTask} into the API calls that collect it (only its item's, for a gap repair), and notes where
 * its events go.
 */
public final class ApiCallPlanner implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        WindowTask task = exchange.getMessage().getMandatoryBody(WindowTask.class);
        exchange.setProperty(CollectRoutes.TOPIC, task.source().topic());
        exchange.getMessage().setBody(calls(task));
    }

    static List<ApiCall> calls(WindowTask task) {
        List<ApiCall> calls = task.source().api().calls(task.source(), task.window());
        return task.repairedItem().map(item -> calls.stream().filter(call -> call.item().equals(task.repairedItem()))
                .toList()).orElse(calls);
    }
}
