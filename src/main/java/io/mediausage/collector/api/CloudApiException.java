package io.mediausage.collector.api;

/**
 * A cloud API answered with an error, or with something that is not a valid answer.
 *
 * @see #isRetriable()
 */
public class CloudApiException extends RuntimeException {

    private final String api;
    private final String errorCode;
    private final String requestId;
    private final boolean retriable;
    private final String detail;

    public CloudApiException(String api, String errorCode, String message, String requestId, boolean retriable) {
        super(api + " failed: " + errorCode + ": " + message + (requestId == null ? "" : " (RequestId " + requestId + ")"));
        this.api = api;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.retriable = retriable;
        this.detail = message;
    }

    /**
     * The same failure, naming the RequestId of the answer it was found in: an answer is read (measurements) where
     * the RequestId is not at hand, and named where it is (UsageEventMapper).
     */
    public CloudApiException(CloudApiException failure, String requestId) {
        this(failure.api, failure.errorCode, failure.detail, requestId, failure.retriable);
    }

    public String api() {
        return api;
    }

    public String errorCode() {
        return errorCode;
    }

    public String requestId() {
        return requestId;
    }

    /** True for throttling, server-side and transport faults that a later attempt may not meet. */
    public boolean isRetriable() {
        return retriable;
    }
}
