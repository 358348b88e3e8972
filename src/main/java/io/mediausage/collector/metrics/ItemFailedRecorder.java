package io.mediausage.collector.metrics;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** An item of a window failed (a FileId the cloud does not know): counts it under the source and the item. */
final class ItemFailedRecorder implements Processor {

    private final UsageMetrics metrics;

    ItemFailedRecorder(UsageMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        call.item().ifPresent(item -> metrics.itemFailed(exchange.getContext(), call.source().name(), item));
    }
}
