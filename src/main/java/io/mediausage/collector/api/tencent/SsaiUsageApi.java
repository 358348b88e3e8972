package io.mediausage.collector.api.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.AnswerFigures;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.event.UsageUnits;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud MPS/MDP {@code DescribeStreamPackageSSAIUsage} (document version 2019-06-12): server-side ad
 * insertion counters per channel and ad type.
 *
 * <p>The answer sums the whole queried span, so a figure is only true to a period when the query covers exactly
 * that period: every window is one bucket (a UTC+8 hour or day, as the source chooses), asked as StartTime = its
 * start and EndTime = the next bucket's start, EndTime being read as exclusive. The additive counters of each
 * {@code UsageDetails} entry are published (ResourceId = ChannelId, SkuId = AdType as the answer spells it); the
 * rates (MidFillRate, PreReplaceRate) are ratios of those counters and are not usage, and the {@code Info} totals
 * are the sums of the details. Always asks with {@code Dimension} true, the per-channel, per-ad-type detail.
 *
 * <p>The document's text names host mps.tencentcloudapi.com and version 2019-06-12 while its example uses host
 * mdp: endpoint, signing service and version are source settings, defaulting to the text.
 */
public final class SsaiUsageApi extends GranularUsageApi {

    private static final Logger LOG = LoggerFactory.getLogger(SsaiUsageApi.class);

    public static final String NAME = "tencent-ssai-usage";
    static final String ACTION = "DescribeStreamPackageSSAIUsage";
    static final String SERVICE_NAME = "StreamPackage SSAI";

    static final Set<String> REGIONS = Set.of("ap-shanghai");
    /** The ad types a query may name, as the document spells them (answers may spell them Preroll, Midroll). */
    static final Set<String> AD_TYPES = Set.of("Pre-roll", "Mid-roll", "VOD");

    /**
     * One bucket a window: the answer cannot be split by period. The document states no retention: a year, as for
     * the other Tencent usage APIs.
     */
    private static final Granularities GRANULARITIES = Granularities.retained(Duration.ofDays(365))
            .hourly("hour", 1)
            .daily("day", 1);

    static final TemplateParameter REGION = TencentSources.region(NAME, "ap-shanghai", "`X-TC-Region` to send; "
            + "`ap-shanghai` is the only region the API accepts");
    static final TemplateParameter CHANNEL_IDS = TemplateParameter.optional("channelIds", "Channel ids",
            "comma-separated list", "698AAD421D3EA5656115", "comma-separated channel ids (`ChannelIds`); all "
                    + "channels when left out");
    static final TemplateParameter TYPES = TemplateParameter.optional("types", "Ad types", "comma-separated list",
            "Pre-roll,Mid-roll", "comma-separated ad types, spelled as the document does: `Pre-roll`, `Mid-roll`, "
                    + "`VOD` (answers spell them `Preroll`, `Midroll`, `VOD`, and `SkuId` carries that); all types "
                    + "when left out");
    static final TemplateParameter SERVICE = TemplateParameter.required("service", "Signing service", "string",
            "{{usage." + NAME + ".service}}", "mdp", "service the request is signed for (`mps` as the document's "
                    + "text says, or `mdp`), whatever the endpoint");
    static final TemplateParameter VERSION = TemplateParameter.required("version", "API version", "string",
            "{{usage." + NAME + ".version}}", "2019-06-12", "API version sent (the document says 2019-06-12)");

    private static final Pattern SERVICE_SHAPE = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern VERSION_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * An additive counter of a UsageDetails entry: the field(s) it may come in, its metric name and unit, and whether
     * the API's model types it as an integer (a count, never fractional) or a float (the two times).
     */
    record Counter(String metric, String unit, boolean whole, List<String> fields) {
    }

    /** In the order of the document's example; the SDK spells the quartiles FirstQuartile / ThirdQuartile. */
    static final List<Counter> COUNTERS = List.of(
            new Counter("ad_request_success", UsageUnits.REQUESTS, true, List.of("AdRequestSuccess")),
            new Counter("ad_request_fail", UsageUnits.REQUESTS, true, List.of("AdRequestFail")),
            new Counter("impression", UsageUnits.EVENTS, true, List.of("Impression")),
            new Counter("start", UsageUnits.EVENTS, true, List.of("Start")),
            new Counter("first_quartile", UsageUnits.EVENTS, true, List.of("FirstQuarter", "FirstQuartile")),
            new Counter("midpoint", UsageUnits.EVENTS, true, List.of("Midpoint")),
            new Counter("third_quartile", UsageUnits.EVENTS, true, List.of("ThirdQuarter", "ThirdQuartile")),
            new Counter("complete", UsageUnits.EVENTS, true, List.of("Complete")),
            new Counter("ad_marker_time", UsageUnits.UNDOCUMENTED, false, List.of("AdMarkerTime")),
            new Counter("replaced_time", UsageUnits.UNDOCUMENTED, false, List.of("ReplacedTime")),
            new Counter("pre_req_num", UsageUnits.REQUESTS, true, List.of("PreReqNum")),
            new Counter("pre_replaced_num", UsageUnits.EVENTS, true, List.of("PreReplacedNum")));

    public SsaiUsageApi() {
        super(NAME, GRANULARITIES, List.of(TencentSources.ACCOUNT_ID, REGION, GRANULARITIES.parameter(NAME,
                "`hour` or `day` (UTC+8): one query per bucket, since the answer sums the span asked"), CHANNEL_IDS,
                TYPES, SERVICE, VERSION));
    }

    @Override
    public void validate(SourceParameters parameters) {
        parameters.string(TencentSources.ACCOUNT_ID.name());
        TencentSources.requireOne(parameters, REGION.name(), REGIONS);
        GRANULARITIES.validate(parameters);
        if (parameters.optional(TYPES.name()).isPresent()) {
            TencentSources.requireKnown(parameters, TYPES.name(), AD_TYPES);
        }
        for (String channel : parameters.list(CHANNEL_IDS.name())) {
            if (channel.chars().anyMatch(Character::isWhitespace)) {
                throw parameters.problem(CHANNEL_IDS.name(), "has '" + channel + "', which is not a channel id");
            }
        }
        if (!SERVICE_SHAPE.matcher(parameters.string(SERVICE.name())).matches()) {
            throw parameters.problem(SERVICE.name(), "must be a Tencent Cloud service name such as mps or mdp, got '"
                    + parameters.string(SERVICE.name()) + "'");
        }
        if (!VERSION_SHAPE.matcher(parameters.string(VERSION.name())).matches()) {
            throw parameters.problem(VERSION.name(), "must be an API version such as 2019-06-12, got '"
                    + parameters.string(VERSION.name()) + "'");
        }
    }

    @Override
    public List<ApiCall> calls(UsageSource source, Window window) {
        SourceParameters parameters = source.parameters();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("StartTime", TencentTimes.isoHourAtChinaOffset(window.start()));
        // the next bucket's start, read as exclusive: the answer covers exactly the window
        body.put("EndTime", TencentTimes.isoHourAtChinaOffset(window.end()));
        List<String> channels = parameters.list(CHANNEL_IDS.name());
        if (!channels.isEmpty()) {
            channels.forEach(body.putArray("ChannelIds")::add);
        }
        List<String> types = parameters.list(TYPES.name());
        if (!types.isEmpty()) {
            types.forEach(body.putArray("Types")::add);
        }
        body.put("Dimension", true);
        // the document's text and its example disagree on version and signing service: the source says which
        TencentAction action = new TencentAction(ACTION, parameters.string(VERSION.name()),
                parameters.string(SERVICE.name()), SERVICE_NAME);
        return List.of(action.call(source, window, parameters.string(REGION.name()), body, null));
    }

    /**
     * Every counter of every UsageDetails entry (Info and its UsageDetails are required, an empty UsageDetails is no
     * usage; a counter missing, null or renamed refuses the answer rather than dropping the figure). A channel and ad
     * type listed twice with the same counters is published once; with different counters the answer is refused.
     */
    @Override
    public List<UsageMeasurement> measurements(JsonNode response, ApiCall call) {
        Window window = call.window();
        Duration bucket = windowPolicy(call.source()).grid().bucket();
        if (!window.end().equals(window.start().plus(bucket))) {
            throw new IllegalArgumentException(ACTION + " answers sum their whole span; window " + window
                    + " is not one " + bucket + " bucket");
        }
        JsonNode info = AnswerShape.object(response, "Info", "the answer", ACTION);
        List<UsageMeasurement> measurements = new ArrayList<>();
        for (JsonNode detail : AnswerShape.array(info, "UsageDetails", "Info", ACTION)) {
            String channel = AnswerShape.text(detail, "ChannelId", "a UsageDetails entry", ACTION);
            String adType = AnswerShape.text(detail, "AdType", "UsageDetails entry of channel " + channel, ACTION);
            String where = "UsageDetails entry " + channel + " " + adType;
            for (Counter counter : COUNTERS) {
                JsonNode value = required(detail, counter, where);
                String field = counter.fields().get(0) + " of " + channel + " " + adType;
                measurements.add(new UsageMeasurement(window.start(), bucket, channel, adType, counter.metric(),
                        counter.whole() ? AnswerFigures.count(value, field, ACTION)
                                : AnswerFigures.quantity(value, field, ACTION), counter.unit()));
            }
        }
        List<UsageMeasurement> once = AnswerFigures.once(measurements, ACTION);
        infoMismatches(info, totals(once)).forEach(mismatch -> LOG.warn(
                "{} of source '{}' {}: {} (RequestId {})", ACTION, call.source().name(), window, mismatch,
                response.path("RequestId").asText()));
        return once;
    }

    /** The published counters by (channel, ad type), as {@link #infoMismatches} compares them. */
    private static Map<List<String>, Map<Counter, BigDecimal>> totals(List<UsageMeasurement> measurements) {
        Map<List<String>, Map<Counter, BigDecimal>> totals = new LinkedHashMap<>();
        for (UsageMeasurement m : measurements) {
            Counter counter = COUNTERS.stream().filter(c -> c.metric().equals(m.metric())).findFirst().orElseThrow();
            totals.computeIfAbsent(List.of(m.resourceId(), m.skuId()), key -> new LinkedHashMap<>())
                    .put(counter, m.quantity());
        }
        return totals;
    }

    /** The Info totals that differ from the sum of the published details: reported, the details are published. */
    static List<String> infoMismatches(JsonNode info, Map<List<String>, Map<Counter, BigDecimal>> totals) {
        List<String> mismatches = new ArrayList<>();
        for (Counter counter : COUNTERS) {
            JsonNode stated = value(info, counter);
            if (stated == null || !stated.isNumber()) {
                continue;
            }
            BigDecimal sum = totals.values().stream().map(c -> c.getOrDefault(counter, BigDecimal.ZERO))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (stated.decimalValue().compareTo(sum) != 0) {
                mismatches.add("Info " + counter.fields().get(0) + " is " + stated + ", its UsageDetails add up to "
                        + sum);
            }
        }
        return mismatches;
    }

    /** The counter as an Info total states it, if it does: Info carries only some of the counters. */
    private static JsonNode value(JsonNode entry, Counter counter) {
        for (String field : counter.fields()) {
            if (entry.hasNonNull(field)) {
                return entry.get(field);
            }
        }
        return null;
    }

    /** The counter of a UsageDetails entry, in any of its spellings; missing or null refuses the answer. */
    private static JsonNode required(JsonNode detail, Counter counter, String where) {
        JsonNode value = value(detail, counter);
        return value != null ? value : AnswerShape.present(detail, counter.fields().get(0), where, ACTION);
    }
}
