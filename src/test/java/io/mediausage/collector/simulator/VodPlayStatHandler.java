package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.simulator.UsageDataModel.VodFigure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * VOD DescribeMediaPlayStatDetails, version 2018-07-17 (doc 003).
 *
 * <p>Semantics chosen from the document:
 * <ul>
 *   <li>FileId required; it must be one of the SecretId's files in the application named by SubAppId (absent =
 *       the default application), else InvalidParameterValue.FileId.</li>
 *   <li>StartTime / EndTime ISO-8601 with offset (a bare date = that UTC+8 day), else
 *       InvalidParameterValue.StartTime / .EndTime; EndTime before StartTime → InvalidParameterValue.EndTime.</li>
 *   <li>Interval Hour / Day, else InvalidParameterValue.Interval. Default: Hour if EndTime − StartTime is shorter
 *       than one day, else Day. Hour allows at most 7 days between StartTime and EndTime, Day at most 90 days
 *       (→ InvalidParameterValue.EndTime). StartTime's UTC+8 day must be within the last 365 days
 *       (→ InvalidParameterValue.StartTime).</li>
 *   <li>Buckets are UTC+8 hours / days. A bucket is returned when its start is in [floor(StartTime), EndTime):
 *       <b>the end is exclusive</b>, as the doc example shows (00:00–02:00 hourly returns 00:00 and 01:00; a day
 *       bucket covers that day, end exclusive). Buckets without plays are omitted; Time is the bucket start
 *       (+08:00); a day's figures are the sum of its hours; Traffic is bytes.</li>
 * </ul>
 */
final class VodPlayStatHandler implements CloudApiSimulator.TencentHandler {

    private static final Set<String> KNOWN = Set.of("FileId", "StartTime", "EndTime", "SubAppId", "Interval");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UsageDataModel data;

    VodPlayStatHandler(UsageDataModel data) {
        this.data = data;
    }

    @Override
    public ObjectNode handle(CloudApiSimulator.TencentCall call) {
        TencentParams p = call.params();
        p.rejectUnknown(KNOWN);
        String fileId = p.requireString("FileId");
        Long subAppId = p.optLong("SubAppId");
        boolean known = data.vodFile(call.secretId(), fileId).filter(f -> Objects.equals(f.subAppId(), subAppId)).isPresent();
        if (!known) throw new TencentError("InvalidParameterValue.FileId", "The FileId " + fileId + " does not exist.");
        OffsetDateTime start = MpsUsageHandler.parseIso(p.requireString("StartTime"), "StartTime", "InvalidParameterValue.StartTime");
        OffsetDateTime end = MpsUsageHandler.parseIso(p.requireString("EndTime"), "EndTime", "InvalidParameterValue.EndTime");
        if (end.isBefore(start)) {
            throw TencentError.invalidValue("InvalidParameterValue.EndTime", "EndTime", "must not be earlier than StartTime.");
        }
        Duration span = Duration.between(start, end);
        String interval = p.optString("Interval");
        if (interval == null) interval = span.compareTo(Duration.ofDays(1)) < 0 ? "Hour" : "Day";
        if (!interval.equals("Hour") && !interval.equals("Day")) {
            throw TencentError.invalidValue("InvalidParameterValue.Interval", "Interval", "use Hour or Day.");
        }
        Duration max = interval.equals("Hour") ? Duration.ofDays(7) : Duration.ofDays(90);
        if (span.compareTo(max) > 0) {
            throw TencentError.invalidValue("InvalidParameterValue.EndTime", "EndTime", "StartTime and EndTime may be at most "
                    + max.toDays() + " days apart with Interval " + interval + ".");
        }
        LocalDate today = call.now().atOffset(UsageDataModel.UTC8).toLocalDate();
        if (start.atZoneSameInstant(UsageDataModel.UTC8).toLocalDate().isBefore(today.minusDays(365))) {
            throw TencentError.invalidValue("InvalidParameterValue.StartTime", "StartTime", "only the past year can be queried.");
        }
        ObjectNode resp = JSON.objectNode();
        ArrayNode set = resp.putArray("PlayStatInfoSet");
        Instant endInstant = end.toInstant();
        if (interval.equals("Hour")) {
            for (Instant h = start.toInstant().truncatedTo(ChronoUnit.HOURS); h.isBefore(endInstant); h = h.plus(Duration.ofHours(1))) {
                add(set, fileId, h, data.vodHour(fileId, h));
            }
        } else {
            for (LocalDate d = start.atZoneSameInstant(UsageDataModel.UTC8).toLocalDate();
                 d.atStartOfDay(UsageDataModel.UTC8).toInstant().isBefore(endInstant); d = d.plusDays(1)) {
                add(set, fileId, d.atStartOfDay(UsageDataModel.UTC8).toInstant(), data.vodDay(fileId, d));
            }
        }
        return resp;
    }

    private static void add(ArrayNode set, String fileId, Instant bucket, Optional<VodFigure> f) {
        if (f.isEmpty()) return;
        ObjectNode o = set.addObject();
        o.put("FileId", fileId);
        o.put("Time", bucket.atOffset(UsageDataModel.UTC8).format(CloudApiSimulator.TENCENT_TIME));
        o.put("PlayTimes", f.get().playTimes());
        o.put("Traffic", f.get().traffic());
    }
}
