package io.mediausage.collector.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's deterministic usage data. Every figure is a pure function of (seed, scope, resource, sku,
 * bucket start) plus one rule about time: <b>a bucket that starts at or after the simulator clock's "now" carries
 * no usage</b> (absent, or zero where the API has a fixed series). The handlers answer from these functions, and
 * tests can call the same functions to compute expected answers independently of the HTTP layer.
 *
 * <p>"Absent" (an empty {@link Optional}) means the API does not list the entry at all (the spec / row is
 * missing for that bucket); a present zero means the API lists it with 0. Both occur on purpose.
 *
 * <p>Scopes: Tencent figures are scoped by SecretId (MPS) or by a resource owned by a SecretId (TRTC SdkAppId, VOD
 * FileId, SSAI channel id); Huawei figures are scoped by project_id. Resource lists per scope are generated from
 * the seed unless set in {@link SimulatorConfig}.
 */
public final class UsageDataModel {

    /** Tencent usage days/hours are UTC+8. */
    public static final ZoneOffset UTC8 = ZoneOffset.ofHours(8);

    /** DescribeUsageData Types.N valid values, as documented. */
    public static final List<String> MPS_TASK_TYPES = List.of("Transcode", "Enhance", "AIAnalysis", "AIRecognition",
            "AIReview", "Snapshot", "AnimatedGraphics", "AiQualityControl", "Evaluation", "ImageProcess",
            "AddBlindWatermark", "AddNagraWatermark", "ExtractBlindWatermark", "AIGCVideo", "AIGCImage");

    /** DescribeUsageData ProcessRegions.N valid values, as documented. */
    public static final List<String> MPS_REGIONS = List.of("ap-guangzhou", "ap-hongkong", "ap-taipei", "ap-singapore",
            "ap-mumbai", "ap-jakarta", "ap-seoul", "ap-bangkok", "ap-tokyo", "na-siliconvalley", "na-ashburn",
            "na-toronto", "sa-saopaulo", "eu-frankfurt", "eu-moscow", "aws");

    /** DescribeTrtcUsage UsageKey, in response order. */
    public static final List<String> TRTC_USAGE_KEYS = List.of("Audio", "SD", "HD", "FullHD", "2K", "4K");

    /** DescribeStreamPackageSSAIUsage Types.N values as documented (request spelling). */
    public static final List<String> SSAI_AD_TYPES = List.of("Pre-roll", "Mid-roll", "VOD");

    /** Huawei transcode spec catalog ("codec_[PVC_]tier"). */
    public static final List<String> HUAWEI_SPECS = List.of("H264_SD", "H264_HD", "H264_FHD", "H264_2K", "H264_4K",
            "H265_SD", "H265_HD", "H265_PVC_SD", "H265_PVC_HD", "H265_PVC_FHD", "H265_4K");

    private static final Set<String> MPS_IMAGE_TYPES = Set.of("Snapshot", "ImageProcess", "AIGCImage");

    private static final Map<String, List<String>> MPS_SPECS = Map.ofEntries(
            Map.entry("Transcode", List.of("Audio", "Standard.H264.SD", "Standard.H264.HD", "Standard.H265.4K",
                    "TESHD-10.H264.FHD", "TESHD-10.H265.4K")),
            Map.entry("Enhance", List.of("SuperResolution.HD", "FrameInterpolation.FHD", "ColorEnhance.4K")),
            Map.entry("AIAnalysis", List.of("Classification", "Tag", "Cover")),
            Map.entry("AIRecognition", List.of("FaceRecognition", "AsrFullText", "OcrFullText")),
            Map.entry("AIReview", List.of("Porn", "Terrorism", "Political")),
            Map.entry("Snapshot", List.of("SampleSnapshot", "ImageSprite", "SnapshotByTimeOffset")),
            Map.entry("AnimatedGraphics", List.of("Gif", "Webp")),
            Map.entry("AiQualityControl", List.of("Standard", "Advanced")),
            Map.entry("Evaluation", List.of("Standard", "Advanced")),
            Map.entry("ImageProcess", List.of("ImageEncode", "ImageEnhance")),
            Map.entry("AddBlindWatermark", List.of("Standard")),
            Map.entry("AddNagraWatermark", List.of("Standard")),
            Map.entry("ExtractBlindWatermark", List.of("Standard")),
            Map.entry("AIGCVideo", List.of("Standard.720P", "Standard.1080P")),
            Map.entry("AIGCImage", List.of("Standard")));

    private static final Map<String, Integer> TRTC_CAPS = Map.of("Audio", 15, "SD", 10, "HD", 8, "FullHD", 6,
            "2K", 3, "4K", 2);

    /** MPS Count (tasks) and Usage (seconds, or images for Snapshot/ImageProcess) of one bucket. */
    public record MpsFigure(long count, long usage) {
        public static final MpsFigure ZERO = new MpsFigure(0, 0);

        public MpsFigure plus(MpsFigure o) {
            return new MpsFigure(count + o.count, usage + o.usage);
        }
    }

    /** VOD PlayTimes and Traffic (bytes) of one bucket. */
    public record VodFigure(long playTimes, long traffic) {
        public static final VodFigure ZERO = new VodFigure(0, 0);

        public VodFigure plus(VodFigure o) {
            return new VodFigure(playTimes + o.playTimes, traffic + o.traffic);
        }
    }

    /** A VOD media file owned by a SecretId; subAppId null = the default application (no SubAppId sent). */
    public record VodFile(String fileId, Long subAppId) {
    }

    /** An SSAI channel owned by a SecretId, with the ad types it serves (request spelling Pre-roll/Mid-roll/VOD). */
    public record SsaiChannel(String channelId, String channelName, List<String> adTypes) {
        public SsaiChannel {
            for (String t : adTypes) {
                if (!SSAI_AD_TYPES.contains(t)) throw new IllegalArgumentException("ad type " + t);
            }
            adTypes = List.copyOf(adTypes);
        }
    }

    /**
     * SSAI counters. AdMarkerTime/ReplacedTime are seconds (mid-roll only), PreReqNum/PreReplacedNum are pre-roll
     * only. Rates are derived: MidFillRate = ReplacedTime / AdMarkerTime, PreReplaceRate = PreReplacedNum /
     * PreReqNum, both ratios in [0,1] rounded half-up to 4 decimals, 0 when the denominator is 0.
     */
    public record SsaiCounters(long adRequestSuccess, long adRequestFail, long impression, long start,
                               long firstQuarter, long midpoint, long thirdQuarter, long complete,
                               long adMarkerTime, long replacedTime, long preReqNum, long preReplacedNum) {
        public static final SsaiCounters ZERO = new SsaiCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public SsaiCounters plus(SsaiCounters o) {
            return new SsaiCounters(adRequestSuccess + o.adRequestSuccess, adRequestFail + o.adRequestFail,
                    impression + o.impression, start + o.start, firstQuarter + o.firstQuarter,
                    midpoint + o.midpoint, thirdQuarter + o.thirdQuarter, complete + o.complete,
                    adMarkerTime + o.adMarkerTime, replacedTime + o.replacedTime, preReqNum + o.preReqNum,
                    preReplacedNum + o.preReplacedNum);
        }

        public double midFillRate() {
            return ratio(replacedTime, adMarkerTime);
        }

        public double preReplaceRate() {
            return ratio(preReplacedNum, preReqNum);
        }

        public static double ratio(long num, long den) {
            if (den == 0) return 0.0;
            return BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), 4, RoundingMode.HALF_UP).doubleValue();
        }
    }

    private final long seed;
    private final Clock clock;
    private final SimulatorConfig config;
    /** Huawei's domains of a project, streams and specs of a domain, derived once: a year's answer asks at every hour. */
    private final Map<String, List<String>> huaweiDomains = new ConcurrentHashMap<>();
    private final Map<String, List<String>> huaweiStreams = new ConcurrentHashMap<>();
    private final Map<String, List<String>> huaweiSpecs = new ConcurrentHashMap<>();

    UsageDataModel(SimulatorConfig config) {
        this.config = config;
        this.seed = config.seed;
        this.clock = config.clock;
    }

    /** The model's "now": buckets starting at or after it have no usage. */
    public Instant now() {
        return clock.instant();
    }

    private boolean available(Instant bucketStart) {
        return bucketStart.isBefore(clock.instant());
    }

    // ------------------------------------------------------------------ hashing

    long mix(Object... parts) {
        long h = 0xcbf29ce484222325L ^ (seed * 0x9E3779B97F4A7C15L);
        for (Object p : parts) {
            for (byte b : String.valueOf(p).getBytes(StandardCharsets.UTF_8)) {
                h ^= (b & 0xff);
                h *= 0x100000001b3L;
            }
            h ^= 0x1f;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }

    private static int bits(long r, int shift, int bound) {
        return (int) Long.remainderUnsigned(r >>> shift, bound);
    }

    // ------------------------------------------------------------------ MPS

    /** The specification catalog of an MPS task type (all specs that can ever appear). */
    public List<String> mpsSpecCatalog(String taskType) {
        return MPS_SPECS.getOrDefault(taskType, List.of());
    }

    /** The specs that have usage in (SecretId, region, task type): a seeded, non-empty subset of the catalog. */
    public List<String> mpsSpecs(String secretId, String region, String taskType) {
        List<String> catalog = mpsSpecCatalog(taskType);
        List<String> out = new ArrayList<>();
        for (String spec : catalog) {
            if (bits(mix("mps-spec", secretId, region, taskType, spec), 0, 4) != 0) out.add(spec);
        }
        if (out.isEmpty() && !catalog.isEmpty()) out.add(catalog.get(0));
        return out;
    }

    /**
     * Count and Usage of one spec on one UTC+8 day in one region; empty = the spec has no entry that day.
     * Unit of Usage: seconds, or images for Snapshot / ImageProcess / AIGCImage (small integers either way).
     */
    public Optional<MpsFigure> mpsUsage(String secretId, String region, String taskType, String spec, LocalDate day) {
        if (!mpsSpecs(secretId, region, taskType).contains(spec)) return Optional.empty();
        if (!available(day.atStartOfDay(UTC8).toInstant())) return Optional.empty();
        long r = mix("mps", secretId, region, taskType, spec, day);
        int m = bits(r, 0, 6);
        if (m == 0) return Optional.empty();
        if (m == 1) return Optional.of(MpsFigure.ZERO);
        long count = 1 + bits(r, 8, 20);
        long unit = MPS_IMAGE_TYPES.contains(taskType) ? 1 + bits(r, 16, 5) : 10 + bits(r, 16, 290);
        return Optional.of(new MpsFigure(count, count * unit));
    }

    /** {@link #mpsUsage(String, String, String, String, LocalDate)} summed over regions; empty if absent in all. */
    public Optional<MpsFigure> mpsUsage(String secretId, List<String> regions, String taskType, String spec,
                                        LocalDate day) {
        MpsFigure sum = null;
        for (String region : new LinkedHashSet<>(regions)) {
            Optional<MpsFigure> f = mpsUsage(secretId, region, taskType, spec, day);
            if (f.isPresent()) sum = sum == null ? f.get() : sum.plus(f.get());
        }
        return Optional.ofNullable(sum);
    }

    /** Union of {@link #mpsSpecs} over regions, in catalog order. */
    public List<String> mpsSpecs(String secretId, List<String> regions, String taskType) {
        Set<String> any = new LinkedHashSet<>();
        for (String region : regions) any.addAll(mpsSpecs(secretId, region, taskType));
        List<String> out = new ArrayList<>();
        for (String spec : mpsSpecCatalog(taskType)) if (any.contains(spec)) out.add(spec);
        return out;
    }

    /** The Summary entry of a day: sum of all present Details entries of that day (ZERO if none). */
    public MpsFigure mpsDaySummary(String secretId, List<String> regions, String taskType, LocalDate day) {
        MpsFigure sum = MpsFigure.ZERO;
        for (String spec : mpsSpecs(secretId, regions, taskType)) {
            sum = sum.plus(mpsUsage(secretId, regions, taskType, spec, day).orElse(MpsFigure.ZERO));
        }
        return sum;
    }

    // ------------------------------------------------------------------ TRTC

    /** The SdkAppIds owned by a SecretId. */
    public List<Long> trtcSdkAppIds(String secretId) {
        List<Long> configured = config.trtcSdkAppIds.get(secretId);
        if (configured != null) return configured;
        int n = 2 + bits(mix("trtc-apps", secretId), 0, 2);
        List<Long> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            long id = 1400000000L + 100000 + bits(mix("trtc-app", secretId, i), 0, 899999);
            if (!out.contains(id)) out.add(id);
        }
        return out;
    }

    /**
     * Minutes of one usage key in one five-minute bucket (start given as UTC+8 local time, minute divisible by 5).
     * sdkAppId null = sum over the SecretId's SdkAppIds. Zero is common; there is no "absent" in TRTC.
     */
    public long trtcMinutes(String secretId, Long sdkAppId, String usageKey, LocalDateTime fiveMinuteStartUtc8) {
        if (sdkAppId == null) {
            long sum = 0;
            for (Long app : trtcSdkAppIds(secretId)) sum += trtcMinutes(secretId, app, usageKey, fiveMinuteStartUtc8);
            return sum;
        }
        if (!available(fiveMinuteStartUtc8.toInstant(UTC8))) return 0;
        long r = mix("trtc", sdkAppId, usageKey, fiveMinuteStartUtc8);
        if (bits(r, 0, 4) == 0) return 0;
        return bits(r, 8, TRTC_CAPS.getOrDefault(usageKey, 1) + 1);
    }

    /** Minutes of one usage key on one UTC+8 day = sum of its 288 five-minute buckets. */
    public long trtcDailyMinutes(String secretId, Long sdkAppId, String usageKey, LocalDate dayUtc8) {
        long sum = 0;
        LocalDateTime t = dayUtc8.atStartOfDay();
        for (int i = 0; i < 288; i++) sum += trtcMinutes(secretId, sdkAppId, usageKey, t.plusMinutes(5L * i));
        return sum;
    }

    // ------------------------------------------------------------------ VOD

    /** The media files owned by a SecretId (fileId with the SubAppId it lives in, null = default app). */
    public List<VodFile> vodFiles(String secretId) {
        List<VodFile> configured = config.vodFiles.get(secretId);
        if (configured != null) return configured;
        List<VodFile> out = new ArrayList<>();
        long subApp = 1500000000L + bits(mix("vod-subapp", secretId), 0, 99999999);
        for (int i = 0; i < 3; i++) {
            String id = "52858" + String.format("%014d", Long.remainderUnsigned(mix("vod-file", secretId, i), 100000000000000L));
            out.add(new VodFile(id, i == 2 ? subApp : null));
        }
        return out;
    }

    public Optional<VodFile> vodFile(String secretId, String fileId) {
        return vodFiles(secretId).stream().filter(f -> f.fileId().equals(fileId)).findFirst();
    }

    /** Plays and traffic of a file in one hour (hourStart on a whole hour); empty = no row for that hour. */
    public Optional<VodFigure> vodHour(String fileId, Instant hourStart) {
        if (!available(hourStart)) return Optional.empty();
        long r = mix("vod", fileId, hourStart.truncatedTo(ChronoUnit.HOURS));
        int m = bits(r, 0, 5);
        if (m == 0) return Optional.empty();
        if (m == 1) return Optional.of(VodFigure.ZERO);
        long plays = 1 + bits(r, 8, 30);
        return Optional.of(new VodFigure(plays, plays * (1000 + bits(r, 20, 9000))));
    }

    /** Plays and traffic of a file on a UTC+8 day = sum of its 24 hours; empty if all hours are absent. */
    public Optional<VodFigure> vodDay(String fileId, LocalDate dayUtc8) {
        VodFigure sum = null;
        Instant h = dayUtc8.atStartOfDay(UTC8).toInstant();
        for (int i = 0; i < 24; i++) {
            Optional<VodFigure> f = vodHour(fileId, h.plus(Duration.ofHours(i)));
            if (f.isPresent()) sum = sum == null ? f.get() : sum.plus(f.get());
        }
        return Optional.ofNullable(sum);
    }

    public long vodPlays(String fileId, Instant hourStart) {
        return vodHour(fileId, hourStart).map(VodFigure::playTimes).orElse(0L);
    }

    public long vodTraffic(String fileId, Instant hourStart) {
        return vodHour(fileId, hourStart).map(VodFigure::traffic).orElse(0L);
    }

    // ------------------------------------------------------------------ SSAI

    /** The SSAI channels owned by a SecretId. */
    public List<SsaiChannel> ssaiChannels(String secretId) {
        List<SsaiChannel> configured = config.ssaiChannels.get(secretId);
        if (configured != null) return configured;
        List<List<String>> types = List.of(SSAI_AD_TYPES, List.of("Pre-roll", "Mid-roll"), List.of("VOD"));
        List<SsaiChannel> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = String.format("%016X", mix("ssai-channel", secretId, i)) + String.format("%04X", i + 0x9300);
            out.add(new SsaiChannel(id, "ssai_channel_" + (i + 1), types.get(i)));
        }
        return out;
    }

    public Optional<SsaiChannel> ssaiChannel(String secretId, String channelId) {
        return ssaiChannels(secretId).stream().filter(c -> c.channelId().equals(channelId)).findFirst();
    }

    /** Stable UniqId of a (channel, ad type) usage detail (28 hex chars). */
    public String ssaiUniqId(String channelId, String adType) {
        return String.format("%016x", mix("ssai-uniq", channelId, adType))
                + String.format("%012x", mix("ssai-uniq2", channelId, adType) & 0xffffffffffffL);
    }

    /**
     * Counters of one (channel, ad type) in one hour (hourStart on a whole hour). Only meaningful for ad types the
     * channel serves; the handler never adds ad types a channel does not serve.
     */
    public SsaiCounters ssaiCounters(String channelId, String adType, Instant hourStart) {
        if (!available(hourStart)) return SsaiCounters.ZERO;
        long r = mix("ssai", channelId, adType, hourStart.truncatedTo(ChronoUnit.HOURS));
        if (bits(r, 0, 4) == 0) return SsaiCounters.ZERO;
        long success = 1 + bits(r, 4, 10);
        long fail = bits(r, 10, 3);
        long impression = success - bits(r, 14, 2);
        long start = impression;
        long q1 = Math.max(0, start - bits(r, 16, 2));
        long mid = Math.max(0, q1 - bits(r, 18, 2));
        long q3 = Math.max(0, mid - bits(r, 20, 2));
        long complete = Math.max(0, q3 - bits(r, 22, 2));
        long marker = 0, replaced = 0, preReq = 0, preReplaced = 0;
        if (adType.equals("Mid-roll")) {
            marker = 30L * (1 + bits(r, 24, 4));
            replaced = marker - 15L * bits(r, 28, 2);
        } else if (adType.equals("Pre-roll")) {
            preReq = success + fail;
            preReplaced = impression;
        }
        return new SsaiCounters(success, fail, impression, start, q1, mid, q3, complete, marker, replaced, preReq,
                preReplaced);
    }

    /** Sum of {@link #ssaiCounters} over the hours h with fromInclusive <= h < toExclusive. */
    public SsaiCounters ssaiWindow(String channelId, String adType, Instant fromInclusive, Instant toExclusive) {
        SsaiCounters sum = SsaiCounters.ZERO;
        for (Instant h = fromInclusive.truncatedTo(ChronoUnit.HOURS); h.isBefore(toExclusive); h = h.plus(Duration.ofHours(1))) {
            sum = sum.plus(ssaiCounters(channelId, adType, h));
        }
        return sum;
    }

    // ------------------------------------------------------------------ Huawei

    /** The publish domains of a project. */
    public List<String> huaweiDomains(String projectId) {
        return huaweiDomains.computeIfAbsent(projectId, this::deriveHuaweiDomains);
    }

    private List<String> deriveHuaweiDomains(String projectId) {
        List<String> configured = config.huaweiDomains.get(projectId);
        if (configured != null) return configured;
        int n = 2 + bits(mix("hw-domains", projectId), 0, 2);
        String tag = String.format("%06x", mix("hw-domain-tag", projectId) & 0xffffffL);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("push" + (i + 1) + "-" + tag + ".live.example.com");
        return List.copyOf(out);
    }

    /** The streams of a publish domain (stream-1..stream-n, 1 to 3 of them). */
    public List<String> huaweiStreams(String projectId, String domain) {
        return huaweiStreams.computeIfAbsent(projectId + "\u001f" + domain, key -> deriveHuaweiStreams(projectId, domain));
    }

    private List<String> deriveHuaweiStreams(String projectId, String domain) {
        int n = 1 + bits(mix("hw-streams", projectId, domain), 0, 3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("stream-" + (i + 1));
        return List.copyOf(out);
    }

    /** The transcode specs used by a domain: a seeded subset of {@link #HUAWEI_SPECS}, at least two. */
    public List<String> huaweiSpecs(String projectId, String domain) {
        return huaweiSpecs.computeIfAbsent(projectId + "\u001f" + domain, key -> deriveHuaweiSpecs(projectId, domain));
    }

    private List<String> deriveHuaweiSpecs(String projectId, String domain) {
        List<String> out = new ArrayList<>();
        for (String spec : HUAWEI_SPECS) {
            if (bits(mix("hw-spec", projectId, domain, spec), 0, 3) == 0) out.add(spec);
        }
        for (String spec : HUAWEI_SPECS) {
            if (out.size() >= 2) break;
            if (!out.contains(spec)) out.add(spec);
        }
        out.sort(java.util.Comparator.comparingInt(HUAWEI_SPECS::indexOf));
        return List.copyOf(out);
    }

    /**
     * Transcode minutes (2 decimals) of one spec in one UTC hour (hourUtc on a whole hour); empty = the spec is
     * not listed for that hour. domain null = sum over the project's domains; stream null = sum over the
     * domain's streams (a stream name unknown to a domain contributes nothing). Present if any part is present.
     */
    public Optional<BigDecimal> huaweiTranscodeMinutes(String projectId, String domain, String stream, String spec,
                                                       Instant hourUtc) {
        long h = huaweiHundredths(projectId, domain, stream, spec, hourUtc);
        return h < 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(h, 2));
    }

    /** Same as {@link #huaweiTranscodeMinutes} in hundredths of a minute, -1 when absent. */
    long huaweiHundredths(String projectId, String domain, String stream, String spec, Instant hourUtc) {
        if (domain == null) {
            long sum = -1;
            for (String d : huaweiDomains(projectId)) sum = addPresent(sum, huaweiHundredths(projectId, d, stream, spec, hourUtc));
            return sum;
        }
        if (stream == null) {
            long sum = -1;
            for (String s : huaweiStreams(projectId, domain)) sum = addPresent(sum, huaweiHundredths(projectId, domain, s, spec, hourUtc));
            return sum;
        }
        if (!huaweiStreams(projectId, domain).contains(stream)) return -1;
        if (!huaweiSpecs(projectId, domain).contains(spec)) return -1;
        if (!available(hourUtc)) return -1;
        long r = mix("hw", projectId, domain, stream, spec, hourUtc.truncatedTo(ChronoUnit.HOURS));
        int m = bits(r, 0, 5);
        if (m == 0) return -1;
        if (m == 1) return 0;
        return 1 + bits(r, 8, 6000);
    }

    private static long addPresent(long sum, long v) {
        if (v < 0) return sum;
        return sum < 0 ? v : sum + v;
    }
}
