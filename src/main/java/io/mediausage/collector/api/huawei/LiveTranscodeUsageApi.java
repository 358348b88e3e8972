package io.mediausage.collector.api.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.api.AnswerFigures;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.DeclaredUsageApi;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.source.Suggestions;
import io.mediausage.collector.event.EventOrigin;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.event.UsageUnits;
import io.mediausage.collector.signing.HuaweiRequest;
import io.mediausage.collector.catalog.SourceContract;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.BucketGrid;
import io.mediausage.collector.window.Window;
import io.mediausage.collector.window.WindowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Huawei Cloud Live {@code ListTranscodeData} ({@code GET /v2/{project_id}/stats/transcode}): transcoding minutes
 * per specification per UTC hour.
 *
 * <p>The answer includes the hour of {@code end_time}, and the API rejects {@code end_time == start_time}. We ask
 * from the window's first hour to the hour after it and keep only the window's hours, which is legal for a
 * one-hour window and never publishes the neighbour window's hour.
 */
public final class LiveTranscodeUsageApi extends DeclaredUsageApi {

    public static final String NAME = "huawei-live-transcode-usage";
    static final String ACTION = "ListTranscodeData";
    private static final String PROVIDER = "Huawei Cloud";
    private static final String SERVICE = "Live";

    /** 31 days a query; with the extra end hour and an inclusive count that leaves 743 whole hours a window. */
    private static final WindowPolicy POLICY =
            new WindowPolicy(BucketGrid.hourly(ZoneOffset.UTC), 31 * 24 - 1, Duration.ofDays(365));

    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Project ids are hex strings; anything else would end up in the request path. */
    private static final Pattern PROJECT_ID_SHAPE = Pattern.compile("[0-9a-zA-Z]{1,64}");
    /** The document's form of a sample time, in UTC. */
    private static final Pattern UTC_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    /**
     * The regions of Live's v2 API, as the official SDKs list them (LiveRegion of huaweicloud-sdk-*-v3), for the
     * documented hosts; with an endpoint of its own a source may name another region.
     */
    static final List<String> REGIONS = List.of("cn-north-4", "cn-north-1", "cn-east-3", "ap-southeast-2",
            "ap-southeast-3");

    private static final Pattern REGION_SHAPE = Pattern.compile("[a-z]+(-[a-z]+)+-[0-9]+");

    static final TemplateParameter PROJECT_ID = TemplateParameter.required("projectId", "Project id", "string", null,
            "0123456789abcdef0123456789abcdef", "the project id (path and `X-Project-Id`); published as "
                    + "`SubAccountId`");
    static final TemplateParameter REGION = TemplateParameter.required("region", "Region", "string", null,
            "cn-north-4", "the project's region, one of those the official SDK lists for Live: "
                    + TemplateParameter.codes(REGIONS) + "; also fills `${region}` in the default endpoint. A source "
                    + "with an `endpoint` of its own may name another region");
    static final TemplateParameter PUBLISH_DOMAIN = TemplateParameter.optional("publishDomain", "Push domain",
            "string", "push.example.com", "push domain to collect (`publish_domain`); all domains when left out");
    static final TemplateParameter STREAM = TemplateParameter.optional("stream", "Stream", "string", "news",
            "stream within `publishDomain` (`stream`; needs `publishDomain`); all streams when left out");
    static final String ALL_DOMAINS = "all-publish-domains";

    public LiveTranscodeUsageApi() {
        super(NAME, List.of(PROJECT_ID, REGION, PUBLISH_DOMAIN, STREAM));
    }

    @Override
    public void validate(SourceParameters parameters) {
        if (!PROJECT_ID_SHAPE.matcher(parameters.string(PROJECT_ID.name())).matches()) {
            throw parameters.problem(PROJECT_ID.name(), "must be a Huawei Cloud project id (letters and digits)");
        }
        String region = parameters.string(REGION.name());
        // as with the SDK, a region it does not list is for an endpoint of one's own (a new region, a proxy)
        boolean documentedHost = parameters.optional(SourceContract.ENDPOINT.name())
                .map(endpoint -> endpoint.endsWith(".myhuaweicloud.com")).orElse(true);
        if (!REGION_SHAPE.matcher(region).matches() || (documentedHost && !REGIONS.contains(region))) {
            throw parameters.problem(REGION.name(), "'" + region + "' is not a region of Huawei Cloud Live"
                    + Suggestions.didYouMean(region, REGIONS) + " (regions: " + String.join(", ", REGIONS) + ")");
        }
        if (parameters.optional(STREAM.name()).isPresent() && parameters.optional(PUBLISH_DOMAIN.name()).isEmpty()) {
            throw parameters.problem(STREAM.name(), "needs publishDomain: a stream name is only unique within a "
                    + "domain");
        }
    }

    @Override
    public String subAccountId(SourceParameters parameters) {
        return parameters.string(PROJECT_ID.name());
    }

    @Override
    public WindowPolicy windowPolicy(UsageSource source) {
        return POLICY;
    }

    @Override
    public List<ApiCall> calls(UsageSource source, Window window) {
        SourceParameters parameters = source.parameters();
        String projectId = parameters.string(PROJECT_ID.name());
        List<Map.Entry<String, String>> query = new ArrayList<>();
        parameters.optional(PUBLISH_DOMAIN.name()).ifPresent(domain -> query.add(Map.entry("publish_domain", domain)));
        parameters.optional(STREAM.name()).ifPresent(stream -> query.add(Map.entry("stream", stream)));
        query.add(Map.entry("start_time", QUERY_TIME.format(window.start())));
        query.add(Map.entry("end_time", QUERY_TIME.format(window.end())));
        HuaweiRequest request = new HuaweiRequest("GET", source.endpoint(), "/v2/" + projectId + "/stats/transcode",
                query, Map.of("X-Project-Id", projectId), "");
        EventOrigin origin = new EventOrigin(PROVIDER, SERVICE, parameters.string(REGION.name()), source.subAccountId(),
                source.name(), ACTION);
        return List.of(new HuaweiApiCall(source, window, origin, request));
    }

    /**
     * The minutes of each specification per hour (transcode_data_list, each sample's time and spec_list and each
     * spec's type and value are required; an empty list is no usage), each hour once, restricted to the window's
     * hours. Values are doubles in the document: fractions are fine, negatives are not.
     */
    @Override
    public List<UsageMeasurement> measurements(JsonNode response, ApiCall call) {
        String resourceId = resourceId(call.source().parameters());
        Map<String, String> asked = query((HuaweiApiCall) call);
        // both hours are included: the answer may hold any hour from start_time's to end_time's
        Instant from = POLICY.grid().floor(Instant.parse(asked.get("start_time")));
        Instant until = POLICY.grid().floor(Instant.parse(asked.get("end_time"))).plus(POLICY.grid().bucket());
        String askedRange = "start_time " + asked.get("start_time") + " to end_time " + asked.get("end_time")
                + ", both hours included";
        List<UsageMeasurement> measurements = new ArrayList<>();
        for (JsonNode sample : AnswerShape.array(AnswerShape.body(response, ACTION), "transcode_data_list",
                "the answer", ACTION)) {
            JsonNode time = AnswerShape.present(sample, "time", "a transcode_data_list sample", ACTION);
            Instant hour = hour(time);
            AnswerShape.withinAsked(hour, from, until, "time " + time, askedRange, ACTION);
            String where = "the sample of " + time.asText();
            for (JsonNode spec : AnswerShape.array(sample, "spec_list", where, ACTION)) {
                String type = AnswerShape.text(spec, "type", "a spec_list entry of " + time.asText(), ACTION);
                measurements.add(new UsageMeasurement(hour, POLICY.grid().bucket(), resourceId, type,
                        "transcode_duration", AnswerFigures.quantity(AnswerShape.present(spec, "value",
                                "spec " + type + " of " + time.asText(), ACTION), "value of " + type, ACTION),
                        UsageUnits.MINUTES));
            }
        }
        return AnswerFigures.once(measurements, ACTION).stream()
                .filter(m -> call.window().containsBucket(m.periodStart())).toList();
    }

    /** The query parameters a call sends, to tell which hours its answer may hold. */
    private static Map<String, String> query(HuaweiApiCall call) {
        Map<String, String> query = new HashMap<>();
        call.request().queryParameters().forEach(entry -> query.put(entry.getKey(), entry.getValue()));
        return query;
    }

    private static String resourceId(SourceParameters parameters) {
        String domain = parameters.optional(PUBLISH_DOMAIN.name()).orElse(ALL_DOMAINS);
        return parameters.optional(STREAM.name()).map(stream -> domain + "/" + stream).orElse(domain);
    }

    /**
     * A sample's time: {@code YYYY-MM-DDThh:mm:ssZ}, UTC as the document says, and a whole hour. A time in another
     * offset would otherwise be published hours off.
     */
    private static Instant hour(JsonNode time) {
        String text = time.asText();
        if (!time.isTextual() || !UTC_TIME.matcher(text).matches()) {
            throw AnswerShape.invalid(ACTION, "sample time " + time + " is not a UTC time of the form "
                    + "YYYY-MM-DDThh:mm:ssZ");
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw AnswerShape.invalid(ACTION, "sample time " + time + " is not a valid date-time");
        }
        if (!POLICY.grid().isAligned(instant)) {
            throw AnswerShape.invalid(ACTION, "sample time " + time + " is not a whole hour");
        }
        return instant;
    }
}
