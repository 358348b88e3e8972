package io.mediausage.collector.exchange;

/**
 * The names of the exchange properties the collector's routes and processors share. They live here, at the bottom of
 * the layering, so that the APIs, signers, readers, publishers and metrics can read them without importing the
 * routes that set them.
 */
public final class UsageExchange {

    /** The {@code task.WindowTask} an exchange of the window runner carries. */
    public static final String WINDOW_TASK = "usageWindowTask";
    /** The API call (an {@code api.ApiCall}) an attempt signs, sends and maps. */
    public static final String API_CALL = "usageApiCall";
    /** The URL a signer chose for the attempt (the HTTP endpoint is resolved from it). */
    public static final String API_URL = "usageApiUrl";
    /** The {@code ratelimit.CallOrder.Turn} of a window runner's call: its first attempt's place for a permit. */
    public static final String CALL_TURN = "usageCallTurn";
    public static final String TOPIC = "usageTopic";
    /** The items of a window that failed ({@code task.ItemFailure}s) and those that were collected (their names). */
    public static final String FAILED_ITEMS = "usageFailedItems";
    public static final String COLLECTED_ITEMS = "usageCollectedItems";
    /** The {@code task.WindowPart} an exchange to the publisher carries, and the events a window published in all. */
    public static final String WINDOW_PART = "usageWindowPart";
    public static final String WINDOW_EVENTS = "usageWindowEvents";
    /**
     * The exchanges of the whole windows of the same source that were ready right after the one an exchange to the
     * publisher carries: published in the same transaction, each with its outcome set on its own exchange.
     */
    public static final String FOLLOWING_WINDOWS = "usageFollowingWindows";

    // what is being collected, for the logs: camel-mdc copies these exchange properties into the MDC of every line
    // logged while the exchange is processed (camel.mdc.custom-properties in application.properties)
    public static final String SOURCE = "usageSource";
    public static final String WINDOW = "usageWindow";
    public static final String API_ACTION = "usageApiAction";
    /** The RequestId of the cloud's answer to the current attempt of an API call, once it is read. */
    public static final String CLOUD_REQUEST_ID = "usageCloudRequestId";

    private UsageExchange() {
    }
}
