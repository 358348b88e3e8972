package io.mediausage.collector.simulator;

/** Kinds of faults the {@link FaultInjector} can inject. */
public enum FaultKind {
    /** HTTP 500 with a short text body. */
    HTTP_500,
    /** HTTP 502 with a short text body. */
    HTTP_502,
    /** HTTP 503 with a short text body. */
    HTTP_503,
    /** The connection is closed without any response. */
    DROP_CONNECTION,
    /** The reply is delayed by {@link FaultInjector#slowReplyDelay()} and then answered normally. */
    SLOW_REPLY,
    /** The normal answer is produced, but only the first half of its body is sent (status 200). */
    TRUNCATED_BODY,
    /** Tencent: HTTP 200 {@code RequestLimitExceeded}; Huawei: HTTP 429 {@code APIGW.0308}. */
    THROTTLE,
    /** Tencent only: HTTP 200 {@code InternalError}. Skipped (not consumed) for Huawei calls. */
    TENCENT_INTERNAL_ERROR,
    /** SSAI only: HTTP 200 {@code InternalError.GetSSAIUsagePartialFailed}. Skipped (not consumed) for other APIs. */
    SSAI_PARTIAL_FAILURE;

    boolean appliesTo(Api api) {
        switch (this) {
            case TENCENT_INTERNAL_ERROR:
                return api == null || api.isTencent();
            case SSAI_PARTIAL_FAILURE:
                return api == Api.SSAI_USAGE;
            default:
                return true;
        }
    }
}
