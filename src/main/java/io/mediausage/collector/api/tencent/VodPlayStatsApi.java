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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tencent Cloud VOD {@code DescribeMediaPlayStatDetails} (2018-07-17): plays and playback traffic of one media
 * file per UTC+8 hour or day.
 *
 * <p>One request per file per window, with {@code Interval} always sent (the API's default depends on the span).
 * A window [start, end) is asked as StartTime = start, EndTime = end: the document's example (00:00 to 02:00
 * answers 00:00 and 01:00) reads as end-exclusive, and the answer is filtered to the window in case a server
 * includes the end bucket. Spans are kept a bucket short of the documented 7 days (Hour) and 90 days (Day) so
 * that even an inclusive count fits; data is kept for a year. Hours and days without plays may be left out of
 * the answer: nothing is published for them.
 */
public final class VodPlayStatsApi extends GranularUsageApi {

    public static final String NAME = "tencent-vod-play-stats";
    static final String ACTION = "DescribeMediaPlayStatDetails";
    private static final TencentAction CALLS = new TencentAction(ACTION, "2018-07-17", "vod", "Video on Demand");
    /** VOD's statistics are not per region; the API takes no region. */
    static final String REGION_ID = "global";
    static final String SKU = "Playback";

    static final String HOUR = "hour";
    static final String DAY = "day";

    /** A year, less a day so that the oldest day asked is inside the year however the server counts it. */
    private static final Granularities GRANULARITIES = Granularities.retained(Duration.ofDays(364))
            .hourly(HOUR, 7 * 24 - 1)
            .daily(DAY, 90 - 1);
    private static final Map<String, String> INTERVALS = Map.of(HOUR, "Hour", DAY, "Day");

    static final TemplateParameter FILE_IDS = TemplateParameter.optional("fileIds", "FileIds", "comma-separated list",
            "5285485487985271487,5285485487985271488", "comma-separated FileIds, one request each");
    static final TemplateParameter FILE_IDS_FILE = TemplateParameter.optional("fileIdsFile", "FileId list file",
            "file path", "routes/vod-file-ids.txt", "path of a text file of FileIds: one a line, `#` starts a comment, "
                    + "blank lines ignored; read again for every window, so the list may change while the collector "
                    + "runs");
    static final TemplateParameter SUB_APP_ID = TemplateParameter.optional("subAppId", "SubAppId", "whole number",
            "1500012345", "the VOD application (SubAppId) the files belong to, one per source; needed for accounts "
                    + "that opened VOD on or after 2023-12-25, even for the default application");

    public VodPlayStatsApi() {
        super(NAME, GRANULARITIES, List.of(TencentSources.ACCOUNT_ID, GRANULARITIES.parameter(NAME, "`hour` (up to a "
                + "week a query) or `day` (up to 90 days a query), UTC+8, sent as `Interval`"), FILE_IDS, FILE_IDS_FILE,
                SUB_APP_ID, TencentSources.OPTIONAL_REGION));
    }

    @Override
    public void validate(SourceParameters parameters) {
        parameters.string(TencentSources.ACCOUNT_ID.name());
        GRANULARITIES.validate(parameters);
        if (TencentSources.positiveIds(parameters, SUB_APP_ID.name()).size() > 1) {
            throw parameters.problem(SUB_APP_ID.name(), "takes one application id; declare a source per application");
        }
        fileIds(parameters);
    }

    /**
     * The files to collect: {@code fileIds} and the lines of {@code fileIdsFile}, in order, each once. At least
     * one is needed, so a mistyped path or an emptied file stops the source instead of silently collecting nothing.
     */
    static List<String> fileIds(SourceParameters parameters) {
        Set<String> ids = new LinkedHashSet<>(parameters.list(FILE_IDS.name()));
        parameters.optional(FILE_IDS_FILE.name()).ifPresent(file -> ids.addAll(readFileIds(parameters, file)));
        if (ids.isEmpty()) {
            throw parameters.problem(parameters.optional(FILE_IDS_FILE.name()).isPresent() ? FILE_IDS_FILE.name()
                    : FILE_IDS.name(), "names no FileId: set fileIds (comma-separated) or fileIdsFile (one a line)");
        }
        for (String id : ids) {
            if (id.chars().anyMatch(Character::isWhitespace)) {
                throw parameters.problem(FILE_IDS.name(), "has '" + id + "', which is not a FileId");
            }
        }
        return List.copyOf(ids);
    }

    private static List<String> readFileIds(SourceParameters parameters, String file) {
        try {
            List<String> ids = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                int comment = line.indexOf('#');
                String id = (comment < 0 ? line : line.substring(0, comment)).trim();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            return ids;
        } catch (IOException | InvalidPathException e) {
            throw parameters.problem(FILE_IDS_FILE.name(), "names '" + file + "', which cannot be read: " + e);
        }
    }

    /** The document's one business error about a file: "The FileId does not exist". */
    @Override
    public Set<String> itemErrorCodes() {
        return Set.of("InvalidParameterValue.FileId");
    }

    @Override
    public List<ApiCall> calls(UsageSource source, Window window) {
        SourceParameters parameters = source.parameters();
        String interval = INTERVALS.get(GRANULARITIES.chosen(source));
        List<Long> subAppId = TencentSources.positiveIds(parameters, SUB_APP_ID.name());
        return fileIds(parameters).stream().<ApiCall>map(fileId -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("FileId", fileId);
            body.put("StartTime", TencentTimes.isoAtChinaOffset(window.start()));
            body.put("EndTime", TencentTimes.isoAtChinaOffset(window.end()));
            subAppId.forEach(id -> body.put("SubAppId", id));
            body.put("Interval", interval);
            return CALLS.call(source, window, REGION_ID, body, fileId);
        }).toList();
    }

    /**
     * Plays and traffic per bucket (PlayStatInfoSet is required; an empty one is no plays), each bucket once,
     * restricted to the window's buckets. Both figures are integers in the API's model, so both must be whole counts.
     * The answer may hold buckets from StartTime to EndTime; one starting at EndTime (a server that includes the end)
     * is filtered, not refused.
     */
    @Override
    public List<UsageMeasurement> measurements(JsonNode response, ApiCall call) {
        BucketGrid grid = windowPolicy(call.source()).grid();
        JsonNode asked = TencentSources.payload((TencentApiCall) call);
        String fileId = asked.path("FileId").asText();
        Instant from = TencentTimes.asked(asked, "StartTime");
        Instant until = TencentTimes.asked(asked, "EndTime").plus(grid.bucket());
        String askedRange = "StartTime " + asked.path("StartTime").asText() + " to EndTime "
                + asked.path("EndTime").asText();
        List<UsageMeasurement> measurements = new ArrayList<>();
        for (JsonNode stat : AnswerShape.array(response, "PlayStatInfoSet", "the answer", ACTION)) {
            if (stat.hasNonNull("FileId") && !fileId.equals(stat.path("FileId").asText())) {
                throw AnswerShape.invalid(ACTION, "asked for FileId " + fileId + ", answered FileId "
                        + stat.path("FileId").asText());
            }
            Instant bucket = TencentTimes.bucketStart(stat.path("Time"), grid, ACTION);
            AnswerShape.withinAsked(bucket, from, until, "Time " + stat.path("Time"), askedRange, ACTION);
            measurements.add(new UsageMeasurement(bucket, grid.bucket(), fileId, SKU, "plays",
                    AnswerFigures.count(stat.path("PlayTimes"), "PlayTimes", ACTION), UsageUnits.PLAYS));
            measurements.add(new UsageMeasurement(bucket, grid.bucket(), fileId, SKU, "traffic",
                    AnswerFigures.count(stat.path("Traffic"), "Traffic", ACTION), UsageUnits.BYTES));
        }
        return AnswerFigures.once(measurements, ACTION).stream()
                .filter(m -> call.window().containsBucket(m.periodStart())).toList();
    }
}
