package io.mediausage.collector.api.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.AnswerFigures;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.DeclaredUsageApi;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.event.UsageUnits;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.BucketGrid;
import io.mediausage.collector.window.Window;
import io.mediausage.collector.window.WindowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud MPS {@code DescribeUsageData} (2019-06-12): daily usage per task type and specification.
 *
 * <p>Days are UTC+8 calendar days and the answer includes the day of {@code EndTime}. We ask up to the day
 * after the window and keep only the window's days, so adjacent windows never publish a day twice whichever
 * way a server reads the end bound. One request per process region, because the answer does not say which
 * region a figure belongs to.
 */
public final class MpsUsageApi extends DeclaredUsageApi {

    private static final Logger LOG = LoggerFactory.getLogger(MpsUsageApi.class);

    public static final String NAME = "tencent-mps-usage";
    static final String ACTION = "DescribeUsageData";
    private static final TencentAction CALLS = new TencentAction(ACTION, "2019-06-12", "mps",
            "Media Processing Service");

    /** 90 days a query; with the extra end day and an inclusive count that leaves 89 whole days a window. */
    private static final WindowPolicy POLICY =
            new WindowPolicy(BucketGrid.daily(BucketGrid.CHINA_STANDARD_TIME), 89, Duration.ofDays(365));

    static final List<String> TASK_TYPES = List.of("Transcode", "Enhance", "AIAnalysis", "AIRecognition", "AIReview",
            "Snapshot", "AnimatedGraphics", "AiQualityControl", "Evaluation", "ImageProcess", "AddBlindWatermark",
            "AddNagraWatermark", "ExtractBlindWatermark", "AIGCVideo", "AIGCImage");

    static final List<String> PROCESS_REGIONS = List.of("ap-guangzhou", "ap-hongkong", "ap-taipei", "ap-singapore",
            "ap-mumbai", "ap-jakarta", "ap-seoul", "ap-bangkok", "ap-tokyo", "na-siliconvalley", "na-ashburn",
            "na-toronto", "sa-saopaulo", "eu-frankfurt", "eu-moscow", "aws");

    /** Units of {@code Usage} per task type, from the SDK model; the newer types have none documented. */
    private static final Map<String, String> USAGE_UNITS = Map.of(
            "Transcode", UsageUnits.SECONDS, "Enhance", UsageUnits.SECONDS, "AIAnalysis", UsageUnits.SECONDS,
            "AIRecognition", UsageUnits.SECONDS, "AIReview", UsageUnits.SECONDS,
            "AnimatedGraphics", UsageUnits.SECONDS, "Snapshot", UsageUnits.IMAGES,
            "ImageProcess", UsageUnits.IMAGES);

    static final TemplateParameter PROCESS_REGIONS_PARAMETER = TemplateParameter.required("processRegions",
            "Process regions", "comma-separated list", "{{usage." + NAME + ".process-regions}}",
            "ap-guangzhou,ap-singapore", "comma-separated MPS process regions, from the documented list ("
                    + TemplateParameter.codes(PROCESS_REGIONS) + "); one request per region, because the answer "
                    + "does not say which region a figure is from");
    static final TemplateParameter TASK_TYPES_PARAMETER = TemplateParameter.required("taskTypes", "Task types",
            "comma-separated list", "{{usage." + NAME + ".task-types}}", "Transcode,Enhance",
            "comma-separated task types: " + String.join(", ", TASK_TYPES));

    public MpsUsageApi() {
        super(NAME, List.of(TencentSources.ACCOUNT_ID, PROCESS_REGIONS_PARAMETER, TASK_TYPES_PARAMETER,
                TencentSources.OPTIONAL_REGION));
    }

    @Override
    public void validate(SourceParameters parameters) {
        TencentSources.requireKnown(parameters, PROCESS_REGIONS_PARAMETER.name(), PROCESS_REGIONS);
        TencentSources.requireKnown(parameters, TASK_TYPES_PARAMETER.name(), TASK_TYPES);
    }

    @Override
    public WindowPolicy windowPolicy(UsageSource source) {
        return POLICY;
    }

    @Override
    public List<ApiCall> calls(UsageSource source, Window window) {
        List<String> taskTypes = source.parameters().list(TASK_TYPES_PARAMETER.name());
        return source.parameters().list(PROCESS_REGIONS_PARAMETER.name()).stream().<ApiCall>map(region -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("StartTime", TencentTimes.isoAtChinaOffset(window.start()));
            body.put("EndTime", TencentTimes.isoAtChinaOffset(window.end()));
            taskTypes.forEach(body.putArray("Types")::add);
            body.putArray("ProcessRegions").add(region);
            return CALLS.call(source, window, region, body, null);
        }).toList();
    }

    /**
     * The figures of the answer's Details (Data is required; an empty Data is no usage), each day once, restricted to
     * the window's days. Count and Usage are integers in the API's model, so both must be whole counts.
     */
    @Override
    public List<UsageMeasurement> measurements(JsonNode response, ApiCall call) {
        String region = call.origin().regionId();
        JsonNode asked = TencentSources.payload((TencentApiCall) call);
        // both dates are included: the answer may hold any UTC+8 day from StartTime's to EndTime's
        Instant from = TencentTimes.chinaMidnight(TencentTimes.chinaDate(TencentTimes.asked(asked, "StartTime")));
        Instant until = TencentTimes.chinaMidnight(TencentTimes.chinaDate(TencentTimes.asked(asked, "EndTime"))
                .plusDays(1));
        String askedRange = "StartTime " + asked.path("StartTime").asText() + " to EndTime "
                + asked.path("EndTime").asText() + ", both days included";
        List<UsageMeasurement> measurements = new ArrayList<>();
        for (JsonNode taskStat : AnswerShape.array(response, "Data", "the answer", ACTION)) {
            String taskType = AnswerShape.text(taskStat, "TaskType", "a Data entry", ACTION);
            String unit = USAGE_UNITS.getOrDefault(taskType, UsageUnits.UNDOCUMENTED);
            for (JsonNode detail : AnswerShape.array(taskStat, "Details", "Data entry " + taskType, ACTION)) {
                String sku = taskType + "/"
                        + AnswerShape.text(detail, "Specification", "a " + taskType + " Details entry", ACTION);
                for (JsonNode item : AnswerShape.array(detail, "Data", "Details entry " + sku, ACTION)) {
                    Instant day = TencentTimes.bucketStart(item.path("Time"), POLICY.grid(), ACTION);
                    AnswerShape.withinAsked(day, from, until, "Time " + item.path("Time") + " of " + sku,
                            askedRange, ACTION);
                    measurements.add(measurement(day, region, sku, "usage", item.path("Usage"), "Usage", unit));
                    measurements.add(measurement(day, region, sku, "task_count", item.path("Count"), "Count",
                            UsageUnits.TASKS));
                }
            }
            summaryMismatches(taskStat, call.window()).forEach(mismatch -> LOG.warn(
                    "{} of source '{}' region {}: {} (RequestId {})", ACTION, call.source().name(), region, mismatch,
                    response.path("RequestId").asText()));
        }
        return AnswerFigures.once(measurements, ACTION).stream()
                .filter(m -> call.window().containsBucket(m.periodStart())).toList();
    }

    /**
     * Cross-checks one task type's Summary against its Details, per day of the window. The published events are
     * the Details; a day whose Summary differs is reported, not dropped: the document's own example has a
     * Summary larger than its Details, so a difference alone does not make the Details wrong.
     */
    static List<String> summaryMismatches(JsonNode taskStat, Window window) {
        Map<Instant, long[]> detailTotals = new HashMap<>();
        for (JsonNode detail : taskStat.path("Details")) {
            for (JsonNode item : detail.path("Data")) {
                long[] totals = detailTotals.computeIfAbsent(
                        TencentTimes.bucketStart(item.path("Time"), POLICY.grid(), ACTION), d -> new long[2]);
                totals[0] += item.path("Count").asLong();
                totals[1] += item.path("Usage").asLong();
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (JsonNode item : taskStat.path("Summary")) {
            Instant day = TencentTimes.bucketStart(item.path("Time"), POLICY.grid(), ACTION);
            long[] totals = detailTotals.getOrDefault(day, new long[2]);
            long count = item.path("Count").asLong();
            long usage = item.path("Usage").asLong();
            if (window.containsBucket(day) && (totals[0] != count || totals[1] != usage)) {
                mismatches.add(taskStat.path("TaskType").asText() + " on " + day + ": Summary says Count " + count
                        + " Usage " + usage + ", its Details add up to Count " + totals[0] + " Usage " + totals[1]);
            }
        }
        return mismatches;
    }

    private static UsageMeasurement measurement(Instant day, String region, String sku, String metric, JsonNode value,
            String field, String unit) {
        return new UsageMeasurement(day, POLICY.grid().bucket(), "mps:" + region, sku, metric,
                AnswerFigures.count(value, field, ACTION), unit);
    }
}
