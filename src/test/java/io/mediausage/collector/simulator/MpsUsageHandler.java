package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.simulator.UsageDataModel.MpsFigure;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MPS DescribeUsageData, version 2019-06-12 (doc 000).
 *
 * <p>Semantics chosen from the document:
 * <ul>
 *   <li>StartTime/EndTime: ISO-8601 with offset ("2019-07-16T06:21:28Z", "...+08:00"); a bare ISO date
 *       ("2019-07-16") is read as that UTC+8 day. Each is mapped to its UTC+8 calendar day.</li>
 *   <li>Days from the StartTime day to the EndTime day, <b>both included</b> (the doc example 07-02T00:00+08 ..
 *       07-03T00:00+08 returns 07-02 and 07-03). EndTime earlier than StartTime → InvalidParameterValue.</li>
 *   <li>Span: EndTime − StartTime must not exceed 90 days (as instants) → else InvalidParameterValue.</li>
 *   <li>Age: the StartTime day must not be before (today UTC+8 − 365 days) → else InvalidParameterValue.</li>
 *   <li>Types.N (default Transcode) and ProcessRegions.N (default ap-guangzhou) are validated against the
 *       documented lists → InvalidParameterValue; several regions are summed (the response has no region).</li>
 *   <li>Response: one Data entry per requested type (request order); Summary has one entry per day (zero when
 *       nothing ran) and equals the sum of that day's Details; Details lists only specs with an entry in the
 *       window, and each spec's Data lists only the days the spec has an entry (missing days = no entry).</li>
 * </ul>
 */
final class MpsUsageHandler implements CloudApiSimulator.TencentHandler {

    private static final Set<String> KNOWN = Set.of("StartTime", "EndTime", "Types", "ProcessRegions");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UsageDataModel data;

    MpsUsageHandler(UsageDataModel data) {
        this.data = data;
    }

    static OffsetDateTime parseIso(String value, String name, String errorCode) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay().atOffset(UsageDataModel.UTC8);
            } catch (DateTimeParseException e2) {
                throw TencentError.invalidValue(errorCode, name, "use ISO 8601, e.g. 2019-07-16T06:21:28Z.");
            }
        }
    }

    @Override
    public ObjectNode handle(CloudApiSimulator.TencentCall call) {
        TencentParams p = call.params();
        p.rejectUnknown(KNOWN);
        OffsetDateTime start = parseIso(p.requireString("StartTime"), "StartTime", "InvalidParameterValue");
        OffsetDateTime end = parseIso(p.requireString("EndTime"), "EndTime", "InvalidParameterValue");
        if (end.isBefore(start)) {
            throw TencentError.invalidValue("InvalidParameterValue", "EndTime", "must be greater than or equal to StartTime.");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(90)) > 0) {
            throw TencentError.invalidValue("InvalidParameterValue", "EndTime", "the query time span must not exceed 90 days.");
        }
        LocalDate startDay = start.atZoneSameInstant(UsageDataModel.UTC8).toLocalDate();
        LocalDate endDay = end.atZoneSameInstant(UsageDataModel.UTC8).toLocalDate();
        LocalDate today = call.now().atOffset(UsageDataModel.UTC8).toLocalDate();
        if (startDay.isBefore(today.minusDays(365))) {
            throw TencentError.invalidValue("InvalidParameterValue", "StartTime", "only data of the last 365 days can be queried.");
        }
        List<String> types = validated(p.optStringList("Types"), "Types", UsageDataModel.MPS_TASK_TYPES, "Transcode");
        List<String> regions = validated(p.optStringList("ProcessRegions"), "ProcessRegions", UsageDataModel.MPS_REGIONS, "ap-guangzhou");

        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = startDay; !d.isAfter(endDay); d = d.plusDays(1)) days.add(d);

        ObjectNode resp = JSON.objectNode();
        ArrayNode dataArr = resp.putArray("Data");
        for (String type : types) {
            ObjectNode item = dataArr.addObject();
            item.put("TaskType", type);
            ArrayNode summary = item.putArray("Summary");
            for (LocalDate d : days) {
                put(summary.addObject(), d, data.mpsDaySummary(call.secretId(), regions, type, d));
            }
            ArrayNode details = item.putArray("Details");
            for (String spec : data.mpsSpecs(call.secretId(), regions, type)) {
                ArrayNode specData = JSON.arrayNode();
                for (LocalDate d : days) {
                    Optional<MpsFigure> f = data.mpsUsage(call.secretId(), regions, type, spec, d);
                    f.ifPresent(fig -> put(specData.addObject(), d, fig));
                }
                if (!specData.isEmpty()) {
                    ObjectNode det = details.addObject();
                    det.put("Specification", spec);
                    det.set("Data", specData);
                }
            }
        }
        return resp;
    }

    private static void put(ObjectNode o, LocalDate day, MpsFigure f) {
        o.put("Time", day.atStartOfDay().atOffset(UsageDataModel.UTC8).format(CloudApiSimulator.TENCENT_TIME));
        o.put("Count", f.count());
        o.put("Usage", f.usage());
    }

    private static List<String> validated(List<String> given, String name, List<String> allowed, String dflt) {
        if (given == null) return List.of(dflt);
        for (String v : given) {
            if (!allowed.contains(v)) {
                throw TencentError.invalidValue("InvalidParameterValue", name, "`" + v + "` is not one of " + allowed + ".");
            }
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }
}
