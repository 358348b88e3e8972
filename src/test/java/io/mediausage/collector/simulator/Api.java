package io.mediausage.collector.simulator;

import java.util.Set;
import java.util.function.Function;

/**
 * The simulated APIs, with the facts their documents state and, for a Tencent API, the module that answers it: the
 * simulator serves every constant here, so an API is added by its module and one line.
 */
public enum Api {
    /** Tencent Cloud MPS DescribeUsageData (doc 000). */
    MPS_USAGE("DescribeUsageData", "2019-06-12", Set.of("mps"), 100, MpsUsageHandler::new),
    /** Tencent Cloud TRTC DescribeTrtcUsage (doc 001). */
    TRTC_USAGE("DescribeTrtcUsage", "2019-07-22", Set.of("trtc"), 5, TrtcUsageHandler::new),
    /** Tencent Cloud MPS/MDP DescribeStreamPackageSSAIUsage (doc 002): text names host mps, example uses mdp. */
    SSAI_USAGE("DescribeStreamPackageSSAIUsage", "2019-06-12", Set.of("mps", "mdp"), 20, SsaiUsageHandler::new),
    /** Tencent Cloud VOD DescribeMediaPlayStatDetails (doc 003). */
    VOD_PLAY_STATS("DescribeMediaPlayStatDetails", "2018-07-17", Set.of("vod"), 20, VodPlayStatHandler::new),
    /** Tencent Cloud CSS DescribeLiveTranscodeTotalInfo (host live.tencentcloudapi.com; 200 requests a second). */
    CSS_TRANSCODE("DescribeLiveTranscodeTotalInfo", "2018-08-01", Set.of("live"), 200, CssTranscodeHandler::new),
    /** Huawei Cloud Live ListTranscodeData (doc 004); rate not documented, default 20/s. */
    HUAWEI_TRANSCODE("ListTranscodeData", null, Set.of(), 20, null);

    private final String action;
    private final String version;
    private final Set<String> services;
    private final int documentedRatePerSecond;
    private final Function<UsageDataModel, CloudApiSimulator.TencentHandler> tencentModule;

    Api(String action, String version, Set<String> services, int rate,
            Function<UsageDataModel, CloudApiSimulator.TencentHandler> tencentModule) {
        this.action = action;
        this.version = version;
        this.services = services;
        this.documentedRatePerSecond = rate;
        this.tencentModule = tencentModule;
    }

    /** The module answering this Tencent API over the simulator's data. */
    CloudApiSimulator.TencentHandler tencentModule(UsageDataModel data) {
        return tencentModule.apply(data);
    }

    public String action() { return action; }

    /** X-TC-Version the document names (null for Huawei). */
    public String version() { return version; }

    /** TC3 credential-scope services accepted (empty for Huawei). */
    public Set<String> services() { return services; }

    public int documentedRatePerSecond() { return documentedRatePerSecond; }

    public boolean isTencent() { return tencentModule != null; }

    public static Api byTencentAction(String action) {
        if (action == null) return null;
        for (Api a : values()) {
            if (a.isTencent() && a.action.equals(action)) return a;
        }
        return null;
    }
}
