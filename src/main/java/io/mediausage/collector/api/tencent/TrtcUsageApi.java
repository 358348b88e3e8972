package io.mediausage.collector.api.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.AnswerFigures;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.event.UsageUnits;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.BucketGrid;
import io.mediausage.collector.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tencent Cloud TRTC {@code DescribeTrtcUsage} (2019-07-22): audio/video minutes per usage type (Audio, SD, HD...)
 * of one application or of the whole account.
 *
 * <p>The API picks the granularity from the span asked: a query of one UTC+8 day answers five-minute figures, a
 * longer one daily figures; both dates are included and a query may cover at most 31 days. A source chooses its
 * granularity and the windows are planned to get it:
 * <ul>
 *   <li>{@code five-minute}: each UTC+8 day a window touches is asked on its own (StartTime = EndTime = that
 *       day), and only the window's five-minute buckets are kept;</li>
 *   <li>{@code daily}: a window of days is asked from its first to its last day; a one-day window would come back
 *       in five-minute figures, so its query starts a day earlier (never later: the following days may not be
 *       settled) and only the window's day is kept.</li>
 * </ul>
 * One request per listed SdkAppId, or one for the whole account when none is listed.
 */
public final class TrtcUsageApi extends GranularUsageApi {

    public static final String NAME = "tencent-trtc-usage";
    static final String ACTION = "DescribeTrtcUsage";
    private static final TencentAction CALLS = new TencentAction(ACTION, "2019-07-22", "trtc",
            "Tencent Real-Time Communication");

    static final Set<String> REGIONS = Set.of("ap-guangzhou", "ap-singapore");
    static final String FIVE_MINUTE = "five-minute";
    static final String DAILY = "daily";
    static final String ALL_APPS = "all-apps";
    static final String METRIC = "duration";

    /** The document states no retention: a year, as for the other Tencent usage APIs. */
    private static final Granularities GRANULARITIES = Granularities.retained(Duration.ofDays(365))
            // one UTC+8 day a query; a window of 288 buckets touches at most two days, each asked on its own
            .fiveMinutes(FIVE_MINUTE, 288)
            // 31 days a query, both ends included: 31 whole days a window (a one-day window asks two days)
            .daily(DAILY, 31);

    static final TemplateParameter REGION = TencentSources.region(NAME, "ap-singapore", "`X-TC-Region` to send: "
            + "`ap-guangzhou` or `ap-singapore`, the only regions the API accepts");
    static final TemplateParameter SDK_APP_IDS = TemplateParameter.optional("sdkAppIds", "SDKAppIDs",
            "comma-separated list", "1400123456,1400654321", "comma-separated SDKAppIDs, one request per app; left "
                    + "out, one request for the whole account, published with ResourceId `all-apps`");

    public TrtcUsageApi() {
        super(NAME, GRANULARITIES, List.of(TencentSources.ACCOUNT_ID, REGION, GRANULARITIES.parameter(NAME,
                "`five-minute` (one query per UTC+8 day) or `daily` (up to 31 days a query), UTC+8"), SDK_APP_IDS));
    }

    @Override
    public void validate(SourceParameters parameters) {
        parameters.string(TencentSources.ACCOUNT_ID.name());
        TencentSources.requireOne(parameters, REGION.name(), REGIONS);
        GRANULARITIES.validate(parameters);
        TencentSources.positiveIds(parameters, SDK_APP_IDS.name());
    }

    @Override
    public List<ApiCall> calls(UsageSource source, Window window) {
        return TencentSources.perItem(queries(source, window),
                TencentSources.positiveIds(source.parameters(), SDK_APP_IDS.name()),
                (dates, app) -> call(source, window, dates, app));
    }

    /** The StartTime/EndTime pairs (UTC+8 dates, both included) that get the window in its granularity. */
    static List<LocalDate[]> queries(UsageSource source, Window window) {
        LocalDate first = TencentTimes.chinaDate(window.start());
        if (DAILY.equals(GRANULARITIES.chosen(source))) {
            LocalDate last = TencentTimes.chinaDate(window.end()).minusDays(1);
            // a one-day query answers five-minute figures: ask the day before as well, never the day after
            return List.<LocalDate[]>of(new LocalDate[] {first.equals(last) ? first.minusDays(1) : first, last});
        }
        LocalDate last = TencentTimes.chinaDate(window.end().minusNanos(1));
        List<LocalDate[]> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(new LocalDate[] {day, day});
        }
        return days;
    }

    private static ApiCall call(UsageSource source, Window window, LocalDate[] dates, Long app) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("StartTime", dates[0].toString());
        body.put("EndTime", dates[1].toString());
        if (app != null) {
            body.put("SdkAppId", app);
        }
        return CALLS.call(source, window, source.parameters().string(REGION.name()), body,
                app == null ? null : app.toString());
    }

    /** The document's one business error about an application: "SdkAppId is incorrect". */
    @Override
    public Set<String> itemErrorCodes() {
        return Set.of("InvalidParameter.SdkAppId");
    }

    /**
     * The minutes of each usage type per bucket (UsageKey and UsageList are required; an empty UsageList is no
     * usage), each bucket once, restricted to the window's buckets. The figures are minutes, floats in the API's
     * model: fractions are fine, negatives are not.
     */
    @Override
    public List<UsageMeasurement> measurements(JsonNode response, ApiCall call) {
        BucketGrid grid = windowPolicy(call.source()).grid();
        JsonNode asked = TencentSources.payload((TencentApiCall) call);
        String resourceId = asked.has("SdkAppId") ? asked.path("SdkAppId").asText() : ALL_APPS;
        // both dates are included: any bucket of the UTC+8 days from StartTime to EndTime
        Instant from = TencentTimes.chinaMidnight(LocalDate.parse(asked.path("StartTime").asText()));
        Instant until = TencentTimes.chinaMidnight(LocalDate.parse(asked.path("EndTime").asText()).plusDays(1));
        String askedRange = "StartTime " + asked.path("StartTime").asText() + " to EndTime "
                + asked.path("EndTime").asText() + ", both days included";
        JsonNode usageKeys = AnswerShape.array(response, "UsageKey", "the answer", ACTION);
        List<String> keys = new ArrayList<>();
        for (JsonNode key : usageKeys) {
            if (!key.isTextual() || key.asText().isBlank()) {
                throw AnswerShape.invalid(ACTION, "UsageKey has " + key + ", not a usage type");
            }
            keys.add(key.asText());
        }
        List<UsageMeasurement> measurements = new ArrayList<>();
        for (JsonNode entry : AnswerShape.array(response, "UsageList", "the answer", ACTION)) {
            Instant bucket = bucketStart(entry, grid);
            AnswerShape.withinAsked(bucket, from, until, "TimeKey " + entry.path("TimeKey"), askedRange, ACTION);
            JsonNode values = AnswerShape.array(entry, "UsageValue", "UsageList entry " + entry.path("TimeKey"),
                    ACTION);
            if (values.size() != keys.size()) {
                throw AnswerShape.invalid(ACTION, "UsageList entry " + entry.path("TimeKey") + " has "
                        + values.size() + " UsageValue for " + keys.size() + " UsageKey");
            }
            for (int i = 0; i < keys.size(); i++) {
                measurements.add(new UsageMeasurement(bucket, grid.bucket(), resourceId, keys.get(i), METRIC,
                        AnswerFigures.quantity(values.get(i), "UsageValue of " + keys.get(i), ACTION),
                        UsageUnits.MINUTES));
            }
        }
        return AnswerFigures.once(measurements, ACTION).stream()
                .filter(m -> call.window().containsBucket(m.periodStart())).toList();
    }

    /**
     * The bucket an entry reports: its TimeKey ({@code YYYY-MM-DD HH:mm:ss}, UTC+8), or its TimeStampKey (Unix
     * seconds) where a newer answer has only that; where it has both they must name the same instant (a TimeKey
     * written in another offset would otherwise be published hours off). A time off the source's grid means the
     * API answered another granularity than the one asked for, and the answer is not used.
     */
    static Instant bucketStart(JsonNode entry, BucketGrid grid) {
        Instant timeKey = TencentTimes.chinaLocalSecondsOrNull(entry.path("TimeKey").asText());
        Instant timeStampKey = entry.path("TimeStampKey").canConvertToLong()
                ? Instant.ofEpochSecond(entry.path("TimeStampKey").asLong()) : null;
        if (timeKey != null && timeStampKey != null && !timeKey.equals(timeStampKey)) {
            throw AnswerShape.invalid(ACTION, "UsageList entry TimeKey " + entry.path("TimeKey")
                    + " (UTC+8) and TimeStampKey " + entry.path("TimeStampKey") + " (" + timeStampKey
                    + ") are different times");
        }
        Instant start = timeKey != null ? timeKey : timeStampKey;
        if (start == null) {
            throw AnswerShape.invalid(ACTION, "UsageList entry has no TimeKey of the form "
                    + "YYYY-MM-DD HH:mm:ss: " + entry.path("TimeKey"));
        }
        if (!grid.isAligned(start)) {
            throw AnswerShape.invalid(ACTION, "TimeKey " + entry.path("TimeKey")
                    + " is not the start of a " + grid.bucket() + " bucket");
        }
        return start;
    }
}
