package io.mediausage.collector.bench;

import io.mediausage.collector.bench.BenchCase.Source;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The cases of issue 14, over ranges that end at the last midnight (UTC+8 midnight for the APIs of UTC+8 buckets,
 * UTC midnight for Huawei), so that every window is whole and the year of Huawei data stays within the 365 days the
 * API keeps.
 */
final class BenchCases {

    /** Made-up credentials of the benchmark, never real ones; the build's secret scan knows them by these names. */
    static final String TENCENT_SECRET_KEY = "bench-tencent-secret-key";
    static final String HUAWEI_SK = "bench-huawei-secret-key-0000000000000001";
    static final String HUAWEI_AK = "BENCHHUAWEIAK0000001";
    static final String HUAWEI_PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String ACCOUNT = "100012345678";
    static final ZoneOffset UTC8 = ZoneOffset.ofHours(8);
    /** The rate limit of the publish-path case, for the collector and the simulator: calls are not what it measures. */
    static final int FREE_CALLS_PER_SECOND = 10_000;
    static final String PUBLISH = "publish-path";

    private BenchCases() {
    }

    /** Every case, in the order of the table, with ranges ending before {@code now}. */
    static List<BenchCase> all(Instant now) {
        Instant utc8Midnight = LocalDate.ofInstant(now, UTC8).atStartOfDay(UTC8).toInstant();
        Instant utcMidnight = now.truncatedTo(ChronoUnit.DAYS);
        return List.of(
                ssaiHourly("ssai-hourly-7d", "SSAI hourly, 7 days", 1, utc8Midnight, Duration.ofDays(7), null),
                trtcFiveMinute(utc8Midnight),
                huaweiYear(utcMidnight),
                vodHourly(utc8Midnight),
                ssaiHourly("ssai-50-credentials", "50 SSAI sources on 50 credentials, hourly, 7 days", 50,
                        utc8Midnight, Duration.ofDays(7), null),
                publishPath(utc8Midnight));
    }

    /**
     * Cases run only when named: the 50 sources' case with 10 and with 25 sources, to show at which load the machine's
     * cores, not the rate limits, set the pace.
     */
    static List<BenchCase> scaling(Instant now) {
        Instant utc8Midnight = LocalDate.ofInstant(now, UTC8).atStartOfDay(UTC8).toInstant();
        return List.of(10, 25).stream().map(sources -> ssaiHourly("ssai-" + sources + "-credentials",
                sources + " SSAI sources on " + sources + " credentials, hourly, 7 days", sources, utc8Midnight,
                Duration.ofDays(7), null)).toList();
    }

    /** The cases named (every one of {@link #all} when none is), in the order of the table; an unknown name fails. */
    static List<BenchCase> named(Instant now, List<String> names) {
        if (names.isEmpty()) {
            return all(now);
        }
        List<BenchCase> known = new ArrayList<>(all(now));
        known.addAll(scaling(now));
        List<String> unknown = names.stream().filter(name -> known.stream().noneMatch(c -> c.name().equals(name)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown case(s) " + unknown + "; the cases are "
                    + known.stream().map(BenchCase::name).toList());
        }
        return known.stream().filter(c -> names.contains(c.name())).toList();
    }

    private static BenchCase ssaiHourly(String name, String description, int sources, Instant to, Duration span,
            Integer rate) {
        List<Source> list = new ArrayList<>();
        Map<String, List<String>> channels = new LinkedHashMap<>();
        for (int i = 1; i <= sources; i++) {
            Source source = tencentSource("ssai-hourly-" + i, i, Map.of("accountId", ACCOUNT, "granularity", "hour",
                    "channelIds", channel(i, 'A') + "," + channel(i, 'B'), "types", "Pre-roll,Mid-roll"));
            list.add(source);
            channels.put(source.accessKeyId(), List.of(channel(i, 'A'), channel(i, 'B')));
        }
        return new BenchCase(name, description, Api.SSAI_USAGE, to.minus(span), to, list, Map.of(), simulator ->
                channels.forEach((id, ids) -> ids.forEach(channel ->
                        simulator.ssaiChannel(id, channel, channel.toLowerCase(), "Pre-roll", "Mid-roll"))), rate);
    }

    private static String channel(int source, char letter) {
        return String.format("BENCH%04dCHANNEL%c", source, letter);
    }

    private static BenchCase trtcFiveMinute(Instant to) {
        Source source = tencentSource("trtc-five-minute", 1, Map.of("accountId", ACCOUNT, "region", "ap-singapore",
                "granularity", "five-minute"));
        return new BenchCase("trtc-5min-20d", "TRTC five-minute, 20 days", Api.TRTC_USAGE, to.minus(Duration.ofDays(20)),
                to, List.of(source), Map.of(), simulator -> { }, null);
    }

    private static BenchCase huaweiYear(Instant to) {
        Source source = new Source("huawei-live", HUAWEI_AK, HUAWEI_SK, "BENCH_HUAWEI_AK", "BENCH_HUAWEI_SK",
                Map.of("projectId", HUAWEI_PROJECT, "region", "cn-north-4"));
        return new BenchCase("huawei-1y", "Huawei Live transcoding, a year", Api.HUAWEI_TRANSCODE,
                to.minus(Duration.ofDays(365)), to, List.of(source), Map.of(), simulator -> { }, null);
    }

    private static BenchCase vodHourly(Instant to) {
        String fileIdsFile = "config/bench-vod-file-ids.txt";
        Source source = tencentSource("vod-hourly", 1, Map.of("accountId", ACCOUNT, "granularity", "hour",
                "fileIdsFile", fileIdsFile));
        List<String> fileIds = IntStream.range(0, 1000).mapToObj(i -> String.valueOf(5285485487985300000L + i)).toList();
        Consumer<SimulatorConfig.Builder> files = simulator ->
                fileIds.forEach(fileId -> simulator.vodFile(source.accessKeyId(), fileId, null));
        return new BenchCase("vod-hourly-1000f-1d", "VOD hourly, 1000 files, 1 day", Api.VOD_PLAY_STATS,
                to.minus(Duration.ofDays(1)), to, List.of(source),
                Map.of(fileIdsFile, String.join("\n", fileIds) + "\n"), files, null);
    }

    /**
     * The publish path: many events per call and a transaction per hour (SSAI hourly, every ad type of 25
     * channels: 900 events a window, 151,200 in all), the rate limits raised so far that calls cost next to nothing.
     */
    private static BenchCase publishPath(Instant to) {
        Source source = tencentSource("ssai-publish", 1, Map.of("accountId", ACCOUNT, "granularity", "hour"));
        return new BenchCase(PUBLISH, "publish path: SSAI hourly, 25 channels, 7 days, calls free", Api.SSAI_USAGE,
                to.minus(Duration.ofDays(7)), to, List.of(source), Map.of(), simulator -> IntStream.rangeClosed(1, 25)
                        .forEach(i -> simulator.ssaiChannel(source.accessKeyId(), String.format("PUBLISH%04d", i),
                                "publish-" + i, "Pre-roll", "Mid-roll", "VOD")), FREE_CALLS_PER_SECOND);
    }

    private static Source tencentSource(String name, int index, Map<String, String> parameters) {
        return new Source(name, String.format("AKIDbenchSecretId%04d", index), TENCENT_SECRET_KEY + "-" + index,
                String.format("BENCH_SECRET_ID_%04d", index), String.format("BENCH_SECRET_KEY_%04d", index),
                new LinkedHashMap<>(parameters));
    }
}
