package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * TRTC DescribeTrtcUsage, version 2019-07-22 (doc 001).
 *
 * <p>Semantics chosen from the document:
 * <ul>
 *   <li>Region (X-TC-Region) required: missing → MissingParameter; other than ap-guangzhou / ap-singapore →
 *       UnsupportedRegion. The data do not depend on the region.</li>
 *   <li>StartTime / EndTime: {@code YYYY-MM-DD} dates (UTC+8), else InvalidParameterValue. Both days included.
 *       The doc example sends StartTime later than EndTime and still gets both days, so a reversed pair is
 *       accepted and read as the same range.</li>
 *   <li>Period = number of days covered (start = end is "one day"); more than 31 → InvalidParameter.QueryScaleOversize.</li>
 *   <li>One day → 288 five-minute entries ({@code TimeKey "YYYY-MM-DD HH:mm:ss"}); longer → one entry per day
 *       ({@code "YYYY-MM-DD 00:00:00"}) = sum of its five-minute figures. Every bucket is listed (zeros included).
 *       Each entry also carries TimeStampKey (Unix seconds of the bucket start), as newer responses do.</li>
 *   <li>SdkAppId optional: one of the SecretId's apps, else InvalidParameter.SdkAppId; absent = all its apps summed.</li>
 * </ul>
 */
final class TrtcUsageHandler implements CloudApiSimulator.TencentHandler {

    static final List<String> REGIONS = List.of("ap-guangzhou", "ap-singapore");
    private static final Set<String> KNOWN = Set.of("StartTime", "EndTime", "SdkAppId");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final DateTimeFormatter TIME_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UsageDataModel data;

    TrtcUsageHandler(UsageDataModel data) {
        this.data = data;
    }

    static void requireRegion(String region, List<String> allowed, String action) {
        if (region == null || region.isEmpty()) throw TencentError.missing("Region");
        if (!allowed.contains(region)) {
            throw new TencentError("UnsupportedRegion", "The action `" + action + "` does not support the region `"
                    + region + "`; supported: " + allowed + ".");
        }
    }

    private static LocalDate date(String value, String name) {
        try {
            if (DATE.matcher(value).matches()) return LocalDate.parse(value);
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        throw TencentError.invalidValue("InvalidParameterValue", name, "use YYYY-MM-DD.");
    }

    @Override
    public ObjectNode handle(CloudApiSimulator.TencentCall call) {
        requireRegion(call.region(), REGIONS, Api.TRTC_USAGE.action());
        TencentParams p = call.params();
        p.rejectUnknown(KNOWN);
        LocalDate a = date(p.requireString("StartTime"), "StartTime");
        LocalDate b = date(p.requireString("EndTime"), "EndTime");
        LocalDate start = a.isAfter(b) ? b : a;
        LocalDate end = a.isAfter(b) ? a : b;
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > 31) {
            throw new TencentError("InvalidParameter.QueryScaleOversize", "The query period exceeds the limit of 31 days.");
        }
        Long sdkAppId = p.optLong("SdkAppId");
        if (sdkAppId != null && !data.trtcSdkAppIds(call.secretId()).contains(sdkAppId)) {
            throw new TencentError("InvalidParameter.SdkAppId", "SdkAppId " + sdkAppId + " is incorrect.");
        }
        ObjectNode resp = JSON.objectNode();
        ArrayNode keys = resp.putArray("UsageKey");
        UsageDataModel.TRTC_USAGE_KEYS.forEach(keys::add);
        ArrayNode list = resp.putArray("UsageList");
        if (days == 1) {
            LocalDateTime t = start.atStartOfDay();
            for (int i = 0; i < 288; i++, t = t.plusMinutes(5)) {
                ObjectNode e = entry(list, t);
                ArrayNode vals = e.putArray("UsageValue");
                for (String k : UsageDataModel.TRTC_USAGE_KEYS) vals.add(data.trtcMinutes(call.secretId(), sdkAppId, k, t));
            }
        } else {
            for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
                ObjectNode e = entry(list, d.atStartOfDay());
                ArrayNode vals = e.putArray("UsageValue");
                for (String k : UsageDataModel.TRTC_USAGE_KEYS) vals.add(data.trtcDailyMinutes(call.secretId(), sdkAppId, k, d));
            }
        }
        return resp;
    }

    private static ObjectNode entry(ArrayNode list, LocalDateTime t) {
        ObjectNode e = list.addObject();
        e.put("TimeKey", t.format(TIME_KEY));
        e.put("TimeStampKey", t.toEpochSecond(UsageDataModel.UTC8));
        return e;
    }
}
