package io.mediausage.collector.collect;

import io.mediausage.collector.task.ItemFailure;
import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.CloudApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a call that failed with the API's error about its item into that call's outcome, an {@link ItemFailure}, so
 * the window goes on with its other items.
 */
public final class ItemFailureOutcome implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ItemFailureOutcome.class);

    /** Matches a failed call whose error belongs to its item. */
    public static final Predicate IS_ITEM_ERROR = exchange -> ItemFailure.isItemError(
            exchange.getProperty(UsageExchange.API_CALL, ApiCall.class), failure(exchange));

    @Override
    public void process(Exchange exchange) {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        ItemFailure failure = ItemFailure.of(call, (CloudApiException) failure(exchange));
        LOG.warn("Item {} of source '{}' not collected in window {}: {}; the window's other items are published and "
                + "this item's part is kept as a gap, collected again by later runs", failure.item(),
                call.source().name(), call.window(), failure.message());
        exchange.getMessage().setBody(failure);
    }

    private static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
