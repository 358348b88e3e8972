package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Huawei Live ListTranscodeData, {@code GET /v2/{project_id}/stats/transcode} (doc 004).
 *
 * <p>Semantics chosen from the document:
 * <ul>
 *   <li>start_time / end_time: {@code YYYY-MM-DDThh:mm:ssZ} (UTC) exactly, else 400 LIVE.100011001. Empty
 *       start_time = now − 24 h, empty end_time = now.</li>
 *   <li>end_time must be greater than start_time (compared as sent) → else 400 "Invalid request parameter:
 *       end_time". Both are then rounded DOWN to the hour.</li>
 *   <li>Hourly buckets from the rounded start to the rounded end, <b>both included</b> (doc example 07:00..08:00
 *       returns 07:00 and 08:00). Every hour is listed; spec_list holds only the specs with data that hour
 *       (possibly empty). Values are minutes with 2 decimals.</li>
 *   <li>Span: rounded end − rounded start ≤ 31 days, else 400 (end_time). Age: rounded start not before
 *       (today UTC − 365 days), else 400 (start_time).</li>
 *   <li>publish_domain optional: absent = all of the project's domains summed; a domain the project does not
 *       have → 400 (publish_domain). stream optional: filters to that stream (an unknown stream has no data).</li>
 *   <li>summary_list: per spec that appears in any hour, the sum over all listed hours.</li>
 * </ul>
 */
final class HuaweiTranscodeHandler {

    private static final Pattern TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UsageDataModel data;

    HuaweiTranscodeHandler(UsageDataModel data) {
        this.data = data;
    }

    private static String param(List<String[]> pairs, String name) {
        for (String[] kv : pairs) {
            if (kv[0].equals(name)) return kv[1].isEmpty() ? null : kv[1];
        }
        return null;
    }

    private static Instant parse(String value, String name) {
        if (!TIME.matcher(value).matches()) throw HuaweiError.invalidParam(name);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw HuaweiError.invalidParam(name);
        }
    }

    ObjectNode handle(String projectId, List<String[]> pairs, Instant now) {
        String domain = param(pairs, "publish_domain");
        String stream = param(pairs, "stream");
        String startText = param(pairs, "start_time");
        String endText = param(pairs, "end_time");
        if (domain != null && !data.huaweiDomains(projectId).contains(domain)) {
            throw HuaweiError.invalidParam("publish_domain");
        }
        Instant start = startText == null ? now.minus(Duration.ofHours(24)) : parse(startText, "start_time");
        Instant end = endText == null ? now : parse(endText, "end_time");
        if (!end.isAfter(start)) throw HuaweiError.invalidParam("end_time");
        Instant s = start.truncatedTo(ChronoUnit.HOURS);
        Instant e = end.truncatedTo(ChronoUnit.HOURS);
        if (Duration.between(s, e).compareTo(Duration.ofDays(31)) > 0) throw HuaweiError.invalidParam("end_time");
        if (s.isBefore(now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(365)))) {
            throw HuaweiError.invalidParam("start_time");
        }

        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray("transcode_data_list");
        Map<String, Long> summary = new LinkedHashMap<>();
        for (String spec : UsageDataModel.HUAWEI_SPECS) summary.put(spec, -1L);
        for (Instant h = s; !h.isAfter(e); h = h.plus(Duration.ofHours(1))) {
            ObjectNode item = list.addObject();
            item.put("time", CloudApiSimulator.HUAWEI_TIME.format(h));
            ArrayNode specs = item.putArray("spec_list");
            for (String spec : UsageDataModel.HUAWEI_SPECS) {
                long v = data.huaweiHundredths(projectId, domain, stream, spec, h);
                if (v < 0) continue;
                ObjectNode so = specs.addObject();
                so.put("type", spec);
                so.put("value", BigDecimal.valueOf(v, 2).doubleValue());
                summary.merge(spec, v, (a, b) -> a < 0 ? b : a + b);
            }
        }
        ArrayNode sum = out.putArray("summary_list");
        summary.forEach((spec, v) -> {
            if (v >= 0) {
                ObjectNode so = sum.addObject();
                so.put("type", spec);
                so.put("value", BigDecimal.valueOf(v, 2).doubleValue());
            }
        });
        return out;
    }
}
