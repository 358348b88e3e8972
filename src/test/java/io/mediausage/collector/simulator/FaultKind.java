package io.mediausage.collector.simulator;

/**
 * Kinds of faults the {@link FaultInjector} can inject. The {@code ANSWER_*} kinds are mangled answers: the call is
 * authenticated and answered as usual, then its success answer is altered (see {@link AnswerMangler}) the way a bad
 * replica might; a call that ends in an error is sent unaltered. They apply only to the APIs whose answers have the
 * part they alter.
 */
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
    /** The normal answer is sent one byte every 100 ms (status 200): no wait is long, the whole answer is. */
    TRICKLE_BODY,
    /** Tencent: HTTP 200 {@code RequestLimitExceeded}; Huawei: HTTP 429 {@code APIGW.0308}. */
    THROTTLE,
    /** Tencent only: HTTP 200 {@code InternalError}. Skipped (not consumed) for Huawei calls. */
    TENCENT_INTERNAL_ERROR,
    /** SSAI only: HTTP 200 {@code InternalError.GetSSAIUsagePartialFailed}. Skipped (not consumed) for other APIs. */
    SSAI_PARTIAL_FAILURE,
    /** The array of buckets is left out (MPS Data, TRTC UsageList, VOD PlayStatInfoSet, SSAI Info.UsageDetails, Huawei transcode_data_list). */
    ANSWER_WITHOUT_ARRAY,
    /** The array of buckets comes under another name (its name with "_renamed" added). */
    ANSWER_ARRAY_RENAMED,
    /** Huawei only: HTTP 200 with an empty body. */
    ANSWER_EMPTY_BODY,
    /** Huawei only: HTTP 200 with the body {@code null}. */
    ANSWER_NULL_BODY,
    /** The first bucket is listed twice with the same figures. */
    ANSWER_DUPLICATE_BUCKET,
    /** The first bucket is listed twice, the second time with one figure one higher. */
    ANSWER_DUPLICATE_BUCKET_OTHER_FIGURE,
    /** A figure of the first bucket is negative. */
    ANSWER_NEGATIVE_FIGURE,
    /** MPS, VOD, SSAI: a count of the first bucket (tasks, plays, impressions) has half a unit added. */
    ANSWER_FRACTIONAL_COUNT,
    /**
     * The first bucket's time is written with the same clock reading in the wrong offset: MPS and VOD Time in Z
     * instead of +08:00, TRTC TimeKey in UTC (its TimeStampKey kept), Huawei time in +08:00 instead of Z. Not SSAI,
     * whose answer has no bucket time.
     */
    ANSWER_WRONG_OFFSET,
    /** A copy of the first bucket before the asked start (a day before for Tencent, an hour for Huawei). Not SSAI. */
    ANSWER_BUCKET_OUTSIDE_ASKED,
    /** SSAI only: the first entry's Impression is null. */
    ANSWER_NULL_COUNTER,
    /** SSAI only: the first entry's Impression comes as Impressions. */
    ANSWER_COUNTER_RENAMED;

    boolean appliesTo(Api api) {
        switch (this) {
            case TENCENT_INTERNAL_ERROR:
                return api == null || api.isTencent();
            case SSAI_PARTIAL_FAILURE:
            case ANSWER_NULL_COUNTER:
            case ANSWER_COUNTER_RENAMED:
                return api == Api.SSAI_USAGE;
            case ANSWER_EMPTY_BODY:
            case ANSWER_NULL_BODY:
                return api == Api.HUAWEI_TRANSCODE;
            case ANSWER_FRACTIONAL_COUNT:
                return api == Api.MPS_USAGE || api == Api.VOD_PLAY_STATS || api == Api.SSAI_USAGE;
            case ANSWER_WRONG_OFFSET:
            case ANSWER_BUCKET_OUTSIDE_ASKED:
                return api != null && api != Api.SSAI_USAGE;
            case ANSWER_WITHOUT_ARRAY:
            case ANSWER_ARRAY_RENAMED:
            case ANSWER_DUPLICATE_BUCKET:
            case ANSWER_DUPLICATE_BUCKET_OTHER_FIGURE:
            case ANSWER_NEGATIVE_FIGURE:
                return api != null;
            default:
                return true;
        }
    }

    /** True for the kinds that alter a success answer rather than replace it. */
    boolean mangles() {
        return name().startsWith("ANSWER_");
    }
}
