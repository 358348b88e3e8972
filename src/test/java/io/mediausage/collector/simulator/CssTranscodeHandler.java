package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tencent Cloud CSS DescribeLiveTranscodeTotalInfo, version 2018-08-01 (host live.tencentcloudapi.com, TC3 service
 * live): the simulator's module, with its data.
 *
 * <p>Semantics chosen from the document:
 * <ul>
 *   <li>Region not required (any or none accepted).</li>
 *   <li>StartTime / EndTime required, each {@code YYYY-MM-DDThh:mm:ssZ} (UTC), an ISO time with an offset (the
 *       document's example sends {@code +08:00}) or {@code YYYY-MM-DD hh:mm:ss} (Beijing time); else
 *       InvalidParameterValue. EndTime before StartTime, a span over three months, or a StartTime before the last
 *       three months: InvalidParameterValue.</li>
 *   <li>PushDomains optional (any domain has data; left out, the account's domains summed); MainlandOrOversea
 *       optional, {@code Mainland} or {@code Oversea}, left out both summed.</li>
 *   <li>Both ends on one Beijing day and no PushDomains: five-minute entries; else hourly entries (each the sum of
 *       its twelve five-minute figures). Buckets from the one holding StartTime to the one holding EndTime, EndTime
 *       included; none at or after now; an entry per (Time, ModuleCodec, Resolution) with usage, Time the bucket's
 *       start in Beijing time {@code YYYY-MM-DD hh:mm:ss}, Duration whole minutes.</li>
 * </ul>
 */
public final class CssTranscodeHandler implements CloudApiSimulator.TencentHandler {

    /** ModuleCodec and Resolution pairs, the document's example (empty ModuleCodec) among them. */
    public static final List<List<String>> CODECS = List.of(List.of("liveprocessor_H264", "1280*720"),
            List.of("liveprocessor_H264", "540*480"), List.of("liveprocessor_H265", "1920*1080"),
            List.of("topspeed_H264", "1280*720"), List.of("topspeed_H265", "1920*1080"), List.of("", "540*480"));
    public static final List<String> AREAS = List.of("Mainland", "Oversea");

    private static final ZoneOffset BEIJING = UsageDataModel.UTC8;
    private static final Set<String> KNOWN = Set.of("StartTime", "EndTime", "PushDomains", "MainlandOrOversea");
    private static final Pattern BEIJING_FORM = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$");
    private static final DateTimeFormatter BEIJING_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UsageDataModel data;

    public CssTranscodeHandler(UsageDataModel data) {
        this.data = data;
    }

    @Override
    public ObjectNode handle(CloudApiSimulator.TencentCall call) {
        TencentParams p = call.params();
        p.rejectUnknown(KNOWN);
        Instant start = time(p.requireString("StartTime"), "StartTime");
        Instant end = time(p.requireString("EndTime"), "EndTime");
        if (end.isBefore(start)) {
            throw TencentError.invalidValue("InvalidParameterValue", "EndTime", "it is before StartTime.");
        }
        if (end.atOffset(BEIJING).isAfter(start.atOffset(BEIJING).plusMonths(3))) {
            throw TencentError.invalidValue("InvalidParameterValue", "EndTime", "the span exceeds three months.");
        }
        if (start.atOffset(BEIJING).isBefore(call.now().atOffset(BEIJING).minusMonths(3))) {
            throw TencentError.invalidValue("InvalidParameterValue", "StartTime",
                    "only the last three months can be queried.");
        }
        List<String> domains = p.optStringList("PushDomains");
        String area = p.optString("MainlandOrOversea");
        if (area != null && !AREAS.contains(area)) {
            throw TencentError.invalidValue("InvalidParameterValue", "MainlandOrOversea", "use Mainland or Oversea.");
        }
        boolean fiveMinute = (domains == null || domains.isEmpty())
                && start.atOffset(BEIJING).toLocalDate().equals(end.atOffset(BEIJING).toLocalDate());
        Duration bucket = fiveMinute ? FIVE_MINUTES : Duration.ofHours(1);
        ObjectNode response = JSON.objectNode();
        ArrayNode list = response.putArray("DataInfoList");
        for (Instant t = floor(start, bucket); !t.isAfter(end) && t.isBefore(data.now()); t = t.plus(bucket)) {
            for (List<String> codec : CODECS) {
                long minutes = minutes(call.secretId(), domains, area, codec.get(0), codec.get(1), t, bucket);
                if (minutes > 0) {
                    ObjectNode entry = list.addObject();
                    entry.put("Time", t.atOffset(BEIJING).format(BEIJING_TIME));
                    entry.put("Duration", minutes);
                    entry.put("ModuleCodec", codec.get(0));
                    entry.put("Resolution", codec.get(1));
                }
            }
        }
        return response;
    }

    /**
     * Minutes of one codec in one bucket (five minutes or an hour, starting at {@code bucketStart}): summed over the
     * domains (null or empty: the account's) and the areas (null: both); five-minute buckets at or after now count
     * nothing.
     */
    public long minutes(String secretId, List<String> domains, String area, String codec, String resolution,
            Instant bucketStart, Duration bucket) {
        List<String> scope = domains == null || domains.isEmpty() ? domains(secretId) : domains;
        long sum = 0;
        for (Instant t = bucketStart; t.isBefore(bucketStart.plus(bucket)) && t.isBefore(data.now());
                t = t.plus(FIVE_MINUTES)) {
            for (String domain : scope) {
                for (String a : area == null ? AREAS : List.of(area)) {
                    sum += fiveMinutes(domain, a, codec, resolution, t);
                }
            }
        }
        return sum;
    }

    /** The push domains of an account: two, named from its SecretId. */
    public List<String> domains(String secretId) {
        String tag = String.format("%06x", data.mix("css-domains", secretId) & 0xffffffL);
        return List.of("push1-" + tag + ".live.example.com", "push2-" + tag + ".live.example.com");
    }

    private long fiveMinutes(String domain, String area, String codec, String resolution, Instant t) {
        long r = data.mix("css", domain, area, codec, resolution, t);
        if (Long.remainderUnsigned(r, 4) == 0) {
            return 0;
        }
        return 1 + Long.remainderUnsigned(r >>> 8, 10);
    }

    private static Instant floor(Instant instant, Duration bucket) {
        long seconds = instant.getEpochSecond() + BEIJING.getTotalSeconds();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, bucket.getSeconds()) - BEIJING.getTotalSeconds());
    }

    /** A StartTime or EndTime as the document allows it: Beijing time or ISO 8601. */
    static Instant time(String value, String name) {
        try {
            if (BEIJING_FORM.matcher(value).matches()) {
                return LocalDateTime.parse(value, BEIJING_TIME).toInstant(BEIJING);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw TencentError.invalidValue("InvalidParameterValue", name,
                    "use YYYY-MM-DDThh:mm:ssZ or YYYY-MM-DD hh:mm:ss (Beijing time).");
        }
    }

    /** For tests: the entries of an answer as (Time, ModuleCodec, Resolution) → Duration. */
    static List<String> rows(ObjectNode response) {
        List<String> rows = new ArrayList<>();
        response.path("DataInfoList").forEach(entry -> rows.add(entry.path("Time").asText() + "|"
                + entry.path("ModuleCodec").asText() + "|" + entry.path("Resolution").asText() + "|"
                + entry.path("Duration").asLong()));
        return rows;
    }
}
