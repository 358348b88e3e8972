package io.mediausage.collector.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a {@link CloudApiSimulator}. Build with {@link #builder()}.
 *
 * <pre>{@code
 * SimulatorConfig cfg = SimulatorConfig.builder()
 *     .tencentCredential("AKIDtest", "tencent-secret")
 *     .huaweiCredential("HWAKTEST", "huawei-secret")
 *     .clock(Clock.fixed(Instant.parse("2024-03-10T04:00:00Z"), ZoneOffset.UTC))
 *     .seed(42)
 *     .rateLimit(Api.TRTC_USAGE, 2)
 *     .build();
 * }</pre>
 */
public final class SimulatorConfig {

    final Map<String, String> tencentCredentials;
    final Map<String, String> huaweiCredentials;
    final Clock clock;
    final long seed;
    final int port;
    final Map<Api, Integer> rateLimits;
    final Map<String, List<Long>> trtcSdkAppIds;
    final Map<String, List<UsageDataModel.VodFile>> vodFiles;
    final Map<String, List<UsageDataModel.SsaiChannel>> ssaiChannels;
    final Map<String, List<String>> huaweiDomains;
    final Duration latency;

    private SimulatorConfig(Builder b) {
        this.tencentCredentials = Collections.unmodifiableMap(new LinkedHashMap<>(b.tencentCredentials));
        this.huaweiCredentials = Collections.unmodifiableMap(new LinkedHashMap<>(b.huaweiCredentials));
        this.clock = b.clock;
        this.seed = b.seed;
        this.port = b.port;
        this.rateLimits = Collections.unmodifiableMap(new EnumMap<>(b.rateLimits));
        this.trtcSdkAppIds = copy(b.trtcSdkAppIds);
        this.vodFiles = copy(b.vodFiles);
        this.ssaiChannels = copy(b.ssaiChannels);
        this.huaweiDomains = copy(b.huaweiDomains);
        this.latency = b.latency;
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> m) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, String> tencentCredentials() { return tencentCredentials; }

    public Map<String, String> huaweiCredentials() { return huaweiCredentials; }

    public Clock clock() { return clock; }

    public long seed() { return seed; }

    public int port() { return port; }

    /** How long every answer waits before it is sent (zero: at once). */
    public Duration latency() { return latency; }

    /** Requests per second allowed per (credential, API): the override, else the documented rate. */
    public int rateLimit(Api api) {
        return rateLimits.getOrDefault(api, api.documentedRatePerSecond());
    }

    public static final class Builder {
        private final Map<String, String> tencentCredentials = new LinkedHashMap<>();
        private final Map<String, String> huaweiCredentials = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private long seed = 20240101L;
        private int port = 0;
        private final Map<Api, Integer> rateLimits = new EnumMap<>(Api.class);
        private final Map<String, List<Long>> trtcSdkAppIds = new LinkedHashMap<>();
        private final Map<String, List<UsageDataModel.VodFile>> vodFiles = new LinkedHashMap<>();
        private final Map<String, List<UsageDataModel.SsaiChannel>> ssaiChannels = new LinkedHashMap<>();
        private final Map<String, List<String>> huaweiDomains = new LinkedHashMap<>();
        private Duration latency = Duration.ZERO;

        private Builder() {
        }

        /** Accept this Tencent SecretId/SecretKey pair (all four Tencent APIs). */
        public Builder tencentCredential(String secretId, String secretKey) {
            tencentCredentials.put(Objects.requireNonNull(secretId), Objects.requireNonNull(secretKey));
            return this;
        }

        /** Accept this Huawei AK/SK pair. Any project_id is accepted; its data derive from the project id. */
        public Builder huaweiCredential(String ak, String sk) {
            huaweiCredentials.put(Objects.requireNonNull(ak), Objects.requireNonNull(sk));
            return this;
        }

        /** The simulator's notion of "now" (signature freshness, 365-day limits, future buckets). Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Seed of the deterministic data and of probabilistic faults. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Port to listen on (127.0.0.1); 0 = ephemeral (default). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Delay every answer (errors and gateway faults included) by this fixed time before it is sent, as a cloud
         * that far away would: the call is admitted, rate-limited and recorded when it arrives. Default zero.
         */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) throw new IllegalArgumentException("latency must not be negative");
            this.latency = latency;
            return this;
        }

        /** Override the requests/second allowed per (credential, API). */
        public Builder rateLimit(Api api, int perSecond) {
            if (perSecond < 1) throw new IllegalArgumentException("perSecond must be >= 1");
            rateLimits.put(api, perSecond);
            return this;
        }

        /** The TRTC SdkAppIds that belong to this SecretId (default: generated from the seed). */
        public Builder trtcSdkAppIds(String secretId, Long... sdkAppIds) {
            trtcSdkAppIds.put(secretId, List.of(sdkAppIds));
            return this;
        }

        /** Add a VOD file belonging to this SecretId; subAppId null = the default application (default: generated). */
        public Builder vodFile(String secretId, String fileId, Long subAppId) {
            vodFiles.computeIfAbsent(secretId, k -> new ArrayList<>()).add(new UsageDataModel.VodFile(fileId, subAppId));
            return this;
        }

        /** Add an SSAI channel belonging to this SecretId with the ad types (Pre-roll/Mid-roll/VOD) it serves. */
        public Builder ssaiChannel(String secretId, String channelId, String channelName, String... adTypes) {
            ssaiChannels.computeIfAbsent(secretId, k -> new ArrayList<>())
                    .add(new UsageDataModel.SsaiChannel(channelId, channelName, List.of(adTypes)));
            return this;
        }

        /** The publish domains of a Huawei project (default: generated from the seed and project id). */
        public Builder huaweiDomains(String projectId, String... domains) {
            huaweiDomains.put(projectId, List.of(domains));
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
