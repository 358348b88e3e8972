package io.mediausage.collector.api.tencent;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.window.BucketGrid;
import io.mediausage.collector.window.WindowPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The granularities a source of a Tencent API chooses from with its {@code granularity} parameter, each with the
 * windows it gets. The Tencent usage APIs count in UTC+8 buckets; how many a window holds is the API's to say.
 */
final class Granularities {

    static final String KEY = "granularity";

    private final Duration retention;
    private final Map<String, WindowPolicy> policies;

    private Granularities(Duration retention, Map<String, WindowPolicy> policies) {
        this.retention = retention;
        this.policies = policies;
    }

    /** None yet, for an API that serves data {@code retention} back. */
    static Granularities retained(Duration retention) {
        return new Granularities(retention, Map.of());
    }

    Granularities fiveMinutes(String name, int maxBuckets) {
        return with(name, BucketGrid.fiveMinutes(BucketGrid.CHINA_STANDARD_TIME), maxBuckets);
    }

    Granularities hourly(String name, int maxBuckets) {
        return with(name, BucketGrid.hourly(BucketGrid.CHINA_STANDARD_TIME), maxBuckets);
    }

    Granularities daily(String name, int maxBuckets) {
        return with(name, BucketGrid.daily(BucketGrid.CHINA_STANDARD_TIME), maxBuckets);
    }

    private Granularities with(String name, BucketGrid grid, int maxBuckets) {
        Map<String, WindowPolicy> more = new LinkedHashMap<>(policies);
        more.put(name, new WindowPolicy(grid, maxBuckets, retention));
        return new Granularities(retention, more);
    }

    /**
     * The {@code granularity} parameter of API {@code api}, defaulting to {@code usage.<api>.granularity}; the first
     * granularity is its example.
     */
    TemplateParameter parameter(String api, String description) {
        String names = policies.keySet().stream().map(name -> "`" + name + "`").collect(Collectors.joining(" or "));
        return TemplateParameter.required(KEY, "Granularity", names, "{{usage." + api + "." + KEY + "}}",
                policies.keySet().iterator().next(), description);
    }

    /** The granularity a source chose, one of these. */
    String validate(SourceParameters parameters) {
        return TencentSources.requireOne(parameters, KEY, policies.keySet());
    }

    /** The granularity of a validated source. */
    String chosen(UsageSource source) {
        return source.parameters().string(KEY);
    }

    WindowPolicy policy(UsageSource source) {
        return policies.get(chosen(source));
    }
}
