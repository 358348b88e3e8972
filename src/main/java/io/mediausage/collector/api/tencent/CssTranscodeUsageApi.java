package io.mediausage.collector.api.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.AnswerFigures;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.event.UsageUnits;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.window.BucketGrid;
import io.mediausage.collector.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tencent Cloud CSS (live streaming) {@code DescribeLiveTranscodeTotalInfo} (2018-08-01, host
 * {@code live.tencentcloudapi.com}, TC3 service {@code live}): transcoding minutes per codec and resolution.
 *
 * <p>What the document says and how it is read (docs/apis.md has the whole of it):
 * <ul>
 *   <li>{@code StartTime}/{@code EndTime} are sent as Beijing time {@code YYYY-MM-DD hh:mm:ss}, one of the two forms
 *       it takes; the answer's {@code Time} is a Beijing time of that form too, read as the start of its bucket.</li>
 *   <li>A query whose ends fall on one day answers five-minute figures; across days, or with {@code PushDomains},
 *       hourly figures. "Day" is read as the Beijing day, the time zone of both forms' Beijing reading.</li>
 *   <li>The document does not say whether {@code EndTime} is included. The collector asks up to one second before
 *       the window's end, so the window's last bucket is in the answer whether the end is inclusive or not, and
 *       the next window's first bucket is not; it keeps only the window's buckets either way.</li>
 *   <li>{@code five-minute}: each Beijing day a window touches is one query. {@code hourly} without push domains: a
 *       query that would fall within one day starts at 23:00 the day before, so that it crosses a day and is answered
 *       hourly (never later: the following hours may not be settled); that hour is not published.</li>
 *   <li>Data of the last three months, a query at most three months: at least 89 days, so windows stay within 88
 *       days (the hour asked before a one-day window included) and hold at most 31 days.</li>
 *   <li>The answer has no domain: with push domains, one query per domain, published with the domain as
 *       ResourceId; without, one query for the account, ResourceId {@code all-domains}.</li>
 * </ul>
 */
public final class CssTranscodeUsageApi extends GranularUsageApi {

    public static final String NAME = "tencent-css-transcode-usage";
    static final String ACTION = "DescribeLiveTranscodeTotalInfo";
    private static final TencentAction CALLS = new TencentAction(ACTION, "2018-08-01", "live",
            "Cloud Streaming Services");

    static final String FIVE_MINUTE = "five-minute";
    static final String HOURLY = "hourly";
    static final Set<String> AREAS = Set.of("Mainland", "Oversea");
    static final String ALL_DOMAINS = "all-domains";
    /** RegionId of the events when MainlandOrOversea is left out: the API then sums both. */
    static final String GLOBAL = "global";
    static final String METRIC = "duration";

    /** "Three months" is at least 89 days (February to April); one hour before a window may be asked as well. */
    private static final Granularities GRANULARITIES = Granularities.retained(Duration.ofDays(88))
            // each Beijing day is one query: a window of 288 buckets touches at most two days
            .fiveMinutes(FIVE_MINUTE, 288)
            // 31 days a window, well within the three months a query may span
            .hourly(HOURLY, 31 * 24);

    private static final DateTimeFormatter BEIJING_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    static final TemplateParameter PUSH_DOMAINS = TemplateParameter.optional("pushDomains", "Push domains",
            "comma-separated list", "push.example.com,live-push.example.com", "comma-separated push domains "
                    + "(`PushDomains`), one request each, published with the domain as ResourceId; left out, one "
                    + "request for all domains, ResourceId `all-domains`");
    static final TemplateParameter MAINLAND_OR_OVERSEA = TemplateParameter.optional("mainlandOrOversea",
            "Mainland or oversea", "`Mainland` or `Oversea`", "Mainland", "`Mainland` (Chinese mainland) or "
                    + "`Oversea` (outside it), sent as `MainlandOrOversea` and published as RegionId `mainland` or "
                    + "`oversea`; left out, the API sums both and RegionId is `global`");

    public CssTranscodeUsageApi() {
        super(NAME, GRANULARITIES, List.of(TencentSources.ACCOUNT_ID, GRANULARITIES.parameter(NAME, "`five-minute` "
                + "(one query per Beijing day) or `hourly` (up to 31 days a query); with `pushDomains` only `hourly`, "
                + "the only figures the API gives for domains"), PUSH_DOMAINS, MAINLAND_OR_OVERSEA,
                TencentSources.OPTIONAL_REGION));
    }

    @Override
    public void validate(SourceParameters parameters) {
        parameters.string(TencentSources.ACCOUNT_ID.name());
        String granularity = GRANULARITIES.validate(parameters);
        List<String> domains = parameters.list(PUSH_DOMAINS.name());
        if (!domains.isEmpty() && FIVE_MINUTE.equals(granularity)) {
            throw parameters.problem(PUSH_DOMAINS.name(), "needs granularity " + HOURLY + ": the API answers hourly "
                    + "figures when push domains are given");
        }
        parameters.optional(MAINLAND_OR_OVERSEA.name()).ifPresent(area -> TencentSources.requireOne(parameters,
                MAINLAND_OR_OVERSEA.name(), AREAS));
    }

    @Override
    public List<ApiCall> calls(UsageSource source, Window window) {
        return TencentSources.perItem(queries(source, window), source.parameters().list(PUSH_DOMAINS.name()),
                (query, domain) -> call(source, window, query, domain));
    }

    /** The StartTime/EndTime pairs (both as instants) that get the window in the source's granularity. */
    static List<Instant[]> queries(UsageSource source, Window window) {
        Instant last = window.end().minus(ONE_SECOND);
        if (HOURLY.equals(GRANULARITIES.chosen(source))) {
            Instant first = window.start();
            if (source.parameters().list(PUSH_DOMAINS.name()).isEmpty()
                    && TencentTimes.chinaDate(first).equals(TencentTimes.chinaDate(last))) {
                // one day would be answered in five-minute figures: start in the last hour of the day before
                first = TencentTimes.chinaMidnight(TencentTimes.chinaDate(first)).minus(Duration.ofHours(1));
            }
            return List.<Instant[]>of(new Instant[] {first, last});
        }
        List<Instant[]> days = new ArrayList<>();
        for (LocalDate day = TencentTimes.chinaDate(window.start()); !day.isAfter(TencentTimes.chinaDate(last));
                day = day.plusDays(1)) {
            Instant dayStart = TencentTimes.chinaMidnight(day);
            Instant nextDay = TencentTimes.chinaMidnight(day.plusDays(1));
            Instant from = window.start().isAfter(dayStart) ? window.start() : dayStart;
            Instant until = window.end().isBefore(nextDay) ? window.end() : nextDay;
            days.add(new Instant[] {from, until.minus(ONE_SECOND)});
        }
        return days;
    }

    private static ApiCall call(UsageSource source, Window window, Instant[] query, String domain) {
        SourceParameters parameters = source.parameters();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("StartTime", beijingTime(query[0]));
        body.put("EndTime", beijingTime(query[1]));
        if (domain != null) {
            body.putArray("PushDomains").add(domain);
        }
        parameters.optional(MAINLAND_OR_OVERSEA.name()).ifPresent(area -> body.put("MainlandOrOversea", area));
        String regionId = parameters.optional(MAINLAND_OR_OVERSEA.name()).map(area -> area.toLowerCase(Locale.ROOT))
                .orElse(GLOBAL);
        return CALLS.call(source, window, regionId, body, domain);
    }

    static String beijingTime(Instant instant) {
        return instant.atOffset(BucketGrid.CHINA_STANDARD_TIME).format(BEIJING_TIME);
    }

    /**
     * The minutes of each codec and resolution per bucket (whole minutes, as the document types them), restricted to
     * the window's buckets. {@code DataInfoList}
     * may be null (the SDK model says so: no data); each entry's {@code Time} must be a bucket start of the source's
     * grid within what was asked (an answer in the other granularity is refused and the window tried again later).
     */
    @Override
    public List<UsageMeasurement> measurements(JsonNode response, ApiCall call) {
        BucketGrid grid = windowPolicy(call.source()).grid();
        JsonNode asked = TencentSources.payload((TencentApiCall) call);
        String resourceId = call.item().orElse(ALL_DOMAINS);
        Instant from = TencentTimes.chinaLocalSecondsOrNull(asked.path("StartTime").asText());
        Instant until = TencentTimes.chinaLocalSecondsOrNull(asked.path("EndTime").asText()).plus(ONE_SECOND);
        String askedRange = "StartTime " + asked.path("StartTime").asText() + " to EndTime "
                + asked.path("EndTime").asText() + ", Beijing time";
        if (response.path("DataInfoList").isNull()) {
            return List.of(); // "may return null, no valid value" (the SDK model): nothing to publish
        }
        List<UsageMeasurement> measurements = new ArrayList<>();
        for (JsonNode entry : AnswerShape.array(response, "DataInfoList", "the answer", ACTION)) {
            Instant bucket = bucketStart(entry.path("Time"), grid);
            AnswerShape.withinAsked(bucket, from, until, "Time " + entry.path("Time"), askedRange, ACTION);
            measurements.add(new UsageMeasurement(bucket, grid.bucket(), resourceId, sku(entry), METRIC,
                    AnswerFigures.count(entry.path("Duration"), "Duration of " + entry.path("Time").asText(),
                            ACTION), UsageUnits.MINUTES)); // whole minutes: the document types Duration Integer
        }
        return AnswerFigures.once(measurements, ACTION).stream()
                .filter(m -> call.window().containsBucket(m.periodStart())).toList();
    }

    /**
     * The SKU of an entry: its codec with modules ({@code ModuleCodec}, e.g. {@code liveprocessor_H264}) and its
     * {@code Resolution} ({@code 540*480}), joined by {@code /}; the document's own example has an empty ModuleCodec,
     * so either may be empty, and then only the other is kept.
     */
    static String sku(JsonNode entry) {
        String codec = text(entry, "ModuleCodec");
        String resolution = text(entry, "Resolution");
        if (codec.isEmpty() || resolution.isEmpty()) {
            return codec.isEmpty() && resolution.isEmpty() ? "unspecified" : codec + resolution;
        }
        return codec + "/" + resolution;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw AnswerShape.invalid(ACTION, field + " of " + entry.path("Time").asText() + " is " + value
                    + ", not text");
        }
        return value.asText().trim();
    }

    /**
     * The bucket an entry reports: its {@code Time}, Beijing time {@code YYYY-MM-DD hh:mm:ss} as documented, or an
     * ISO-8601 time with its offset or Z (the form of the requests' first format); a time off the source's grid
     * means the API answered another granularity than the one asked for.
     */
    static Instant bucketStart(JsonNode time, BucketGrid grid) {
        Instant start = time.isTextual() ? TencentTimes.chinaLocalSecondsOrNull(time.asText()) : null;
        if (start == null && time.isTextual()) {
            try {
                start = OffsetDateTime.parse(time.asText()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (start == null) {
            throw AnswerShape.invalid(ACTION, "Time is " + (time.isMissingNode() ? "missing" : time.toString())
                    + ", not a Beijing time of the form YYYY-MM-DD hh:mm:ss");
        }
        if (!grid.isAligned(start)) {
            throw AnswerShape.invalid(ACTION, "Time " + time + " is not the start of a " + grid.bucket() + " bucket");
        }
        return start;
    }
}
