package io.mediausage.collector.task;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.CloudApiException;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Exchange;

/**
 * What a call of one item brings back instead of events when the cloud answered an error about that item (see
 * {@link io.mediausage.collector.api.UsageApi#itemErrorCodes()}): the window publishes its other items and records a
 * gap for this one.
 */
public record ItemFailure(String item, String errorCode, String message, String requestId) {

    public ItemFailure {
        Objects.requireNonNull(item, "item");
    }

    /** True when {@code failure} is the API's error about the item of {@code call}. */
    public static boolean isItemError(ApiCall call, Throwable failure) {
        return call != null && call.item().isPresent() && failure instanceof CloudApiException cloud
                && call.source().api().itemErrorCodes().contains(cloud.errorCode());
    }

    /** What a published window says of its items that failed, or null when none did. */
    @SuppressWarnings("unchecked")
    public static String describe(Exchange window) {
        List<ItemFailure> failed = window.getProperty(UsageExchange.FAILED_ITEMS, List.of(), List.class);
        if (failed.isEmpty()) {
            return null;
        }
        return "published without item(s) " + failed.stream().map(failure -> failure.item() + " ("
                + failure.errorCode() + ")").distinct().toList() + ", kept as gaps that the scheduled collector "
                + "collects again";
    }

    public static ItemFailure of(ApiCall call, CloudApiException failure) {
        return new ItemFailure(call.item().orElseThrow(), failure.errorCode(), failure.getMessage(),
                failure.requestId());
    }
}
