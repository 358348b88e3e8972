package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.simulator.UsageDataModel.SsaiChannel;
import io.mediausage.collector.simulator.UsageDataModel.SsaiCounters;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MPS/MDP DescribeStreamPackageSSAIUsage, version 2019-06-12 (doc 002). Credential scope service mps or mdp.
 *
 * <p>Semantics chosen from the document:
 * <ul>
 *   <li>Region required (MissingParameter), only ap-shanghai (else UnsupportedRegion).</li>
 *   <li>StartTime / EndTime in the documented hour form {@code 2026-02-10T00+08:00} (a full ISO-8601 date-time
 *       with offset is accepted too), else InvalidParameterValue; EndTime before StartTime → InvalidParameterValue.
 *       Both optional (undocumented defaults chosen here): EndTime = now rounded down to the hour, StartTime =
 *       EndTime − 24 h.</li>
 *   <li>The answer aggregates the whole window into one Info: hours h with floor(StartTime) ≤ h &lt; EndTime,
 *       <b>EndTime exclusive</b> (so 00..02 covers the hours 00 and 01, and consecutive windows do not overlap).</li>
 *   <li>ChannelIds.N: the SecretId's channels (else InvalidParameter.InvalidParameterChannelId); default all.
 *       Types.N: Pre-roll / Mid-roll / VOD as documented (else InvalidParameter.Type); default all.</li>
 *   <li>Dimension: false → summary only (UsageDetails = []); true or absent → one UsageDetails entry per selected
 *       channel and selected ad type the channel serves (the doc example returns details without Dimension).
 *       Output AdType is spelled as in the doc example: Preroll / Midroll / VOD.</li>
 *   <li>Info counters = sums of the UsageDetails entries; MidFillRate = ReplacedTime / AdMarkerTime and
 *       PreReplaceRate = PreReplacedNum / PreReqNum, ratios in [0,1] rounded to 4 decimals (0 when nothing).</li>
 * </ul>
 */
final class SsaiUsageHandler implements CloudApiSimulator.TencentHandler {

    static final List<String> REGIONS = List.of("ap-shanghai");
    static final Map<String, String> OUTPUT_AD_TYPE = Map.of("Pre-roll", "Preroll", "Mid-roll", "Midroll", "VOD", "VOD");
    private static final Set<String> KNOWN = Set.of("StartTime", "EndTime", "ChannelIds", "Types", "Dimension");
    private static final DateTimeFormatter HOUR_FORM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHXXX");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final UsageDataModel data;

    SsaiUsageHandler(UsageDataModel data) {
        this.data = data;
    }

    static Instant parseHour(String value, String name) {
        try {
            return OffsetDateTime.parse(value, HOUR_FORM).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                throw TencentError.invalidValue("InvalidParameterValue", name, "use the form 2026-02-10T00+08:00.");
            }
        }
    }

    @Override
    public ObjectNode handle(CloudApiSimulator.TencentCall call) {
        TrtcUsageHandler.requireRegion(call.region(), REGIONS, Api.SSAI_USAGE.action());
        TencentParams p = call.params();
        p.rejectUnknown(KNOWN);
        String s = p.optString("StartTime");
        String e = p.optString("EndTime");
        Instant end = e == null || e.isEmpty() ? call.now().truncatedTo(ChronoUnit.HOURS) : parseHour(e, "EndTime");
        Instant start = s == null || s.isEmpty() ? end.minus(Duration.ofHours(24)) : parseHour(s, "StartTime");
        if (end.isBefore(start)) {
            throw TencentError.invalidValue("InvalidParameterValue", "EndTime", "must not be earlier than StartTime.");
        }
        List<SsaiChannel> own = data.ssaiChannels(call.secretId());
        List<SsaiChannel> channels = new ArrayList<>();
        List<String> ids = p.optStringList("ChannelIds");
        if (ids == null) {
            channels.addAll(own);
        } else {
            for (String id : new LinkedHashSet<>(ids)) {
                SsaiChannel c = data.ssaiChannel(call.secretId(), id).orElseThrow(() -> new TencentError(
                        "InvalidParameter.InvalidParameterChannelId", "Channel " + id + " does not exist."));
                channels.add(c);
            }
        }
        List<String> types = p.optStringList("Types");
        if (types == null) types = UsageDataModel.SSAI_AD_TYPES;
        for (String t : types) {
            if (!UsageDataModel.SSAI_AD_TYPES.contains(t)) {
                throw new TencentError("InvalidParameter.Type", "Type `" + t + "` is not one of " + UsageDataModel.SSAI_AD_TYPES + ".");
            }
        }
        Boolean dimension = p.optBoolean("Dimension");
        boolean details = dimension == null || dimension;

        SsaiCounters total = SsaiCounters.ZERO;
        ArrayNode detailArr = JSON.arrayNode();
        for (SsaiChannel c : channels) {
            for (String t : UsageDataModel.SSAI_AD_TYPES) {
                if (!types.contains(t) || !c.adTypes().contains(t)) continue;
                SsaiCounters w = data.ssaiWindow(c.channelId(), t, start, end);
                total = total.plus(w);
                if (details) {
                    ObjectNode d = detailArr.addObject();
                    d.put("UniqId", data.ssaiUniqId(c.channelId(), t));
                    d.put("ChannelId", c.channelId());
                    d.put("ChannelName", c.channelName());
                    d.put("AdType", OUTPUT_AD_TYPE.get(t));
                    d.put("AdRequestSuccess", w.adRequestSuccess());
                    d.put("AdRequestFail", w.adRequestFail());
                    d.put("Impression", w.impression());
                    d.put("Start", w.start());
                    d.put("FirstQuarter", w.firstQuarter());
                    d.put("Midpoint", w.midpoint());
                    d.put("ThirdQuarter", w.thirdQuarter());
                    d.put("Complete", w.complete());
                    putCommon(d, w);
                }
            }
        }
        ObjectNode resp = JSON.objectNode();
        ObjectNode info = resp.putObject("Info");
        info.put("AdRequestSuccess", total.adRequestSuccess());
        info.put("AdRequestFail", total.adRequestFail());
        info.put("Impression", total.impression());
        putCommon(info, total);
        info.set("UsageDetails", detailArr);
        return resp;
    }

    private static void putCommon(ObjectNode o, SsaiCounters c) {
        o.put("AdMarkerTime", c.adMarkerTime());
        o.put("ReplacedTime", c.replacedTime());
        o.put("MidFillRate", c.midFillRate());
        o.put("PreReqNum", c.preReqNum());
        o.put("PreReplacedNum", c.preReplacedNum());
        o.put("PreReplaceRate", c.preReplaceRate());
    }
}
