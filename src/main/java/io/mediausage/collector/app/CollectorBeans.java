package io.mediausage.collector.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.api.huawei.HuaweiResponseReader;
import io.mediausage.collector.api.huawei.HuaweiSigningProcessor;
import io.mediausage.collector.api.tencent.TencentResponseReader;
import io.mediausage.collector.api.tencent.TencentSigningProcessor;
import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.collect.CollectionPlanner;
import io.mediausage.collector.collect.ItemFailureOutcome;
import io.mediausage.collector.collect.LogContext;
import io.mediausage.collector.collect.OwnedSourceCheck;
import io.mediausage.collector.collect.ScheduledRun;
import io.mediausage.collector.collect.ScheduledWindows;
import io.mediausage.collector.collect.UsageEventMapper;
import io.mediausage.collector.event.UsageEventFactory;
import io.mediausage.collector.event.UsageJson;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.kafka.DeadLetterRecordProcessor;
import io.mediausage.collector.metrics.UsageMetrics;
import io.mediausage.collector.ratelimit.ApiRateLimitProcessor;
import io.mediausage.collector.ratelimit.ApiRateLimiters;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.catalog.SourceCatalog;
import io.mediausage.collector.window.WindowPlanner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Processor;

/** Every bean of the collector, built in one place; routes refer to them by name. */
public final class CollectorBeans {


    private final List<UsageApi> apis = UsageApis.all();
    private final SourceCatalog sourceCatalog;
    private final CollectionPlanner collectionPlanner;
    private final Map<String, Object> named = new LinkedHashMap<>();

    private final UsageMetrics metrics;

    /** @param ownership which sources this process runs on schedule (see the group package) */
    public CollectorBeans(Clock clock, CredentialsResolver credentialsResolver, CheckpointStore checkpoints,
            Processor windowPublisher, SourceOwnership ownership) {
        ObjectMapper json = UsageJson.objectMapper();
        sourceCatalog = new SourceCatalog(credentialsResolver, clock);
        collectionPlanner = new CollectionPlanner(new WindowPlanner(), checkpoints, clock);

        named.put("sourceCatalog", sourceCatalog);
        named.put("collectionPlanner", collectionPlanner);
        named.put("scheduledWindows", new ScheduledWindows(sourceCatalog, collectionPlanner, ownership));
        named.put("scheduledRun", new ScheduledRun(ownership));
        named.put("ownedSourceCheck", new OwnedSourceCheck(ownership));
        named.put("itemFailureOutcome", new ItemFailureOutcome());
        named.put("logContext", new LogContext());
        // a signature carries the wall-clock time the cloud checks, whatever clock plans the windows
        named.put("tencentSigning", new TencentSigningProcessor(Clock.systemUTC()));
        named.put("tencentResponseReader", new TencentResponseReader(json));
        named.put("huaweiSigning", new HuaweiSigningProcessor(Clock.systemUTC()));
        named.put("huaweiResponseReader", new HuaweiResponseReader(json));
        named.put("usageEventMapper", new UsageEventMapper(new UsageEventFactory(), clock));
        named.put("windowPublisher", windowPublisher);
        named.put("apiRateLimit", new ApiRateLimitProcessor(new ApiRateLimiters()));
        named.put("deadLetterRecord", new DeadLetterRecordProcessor(json, clock));
        metrics = new UsageMetrics(checkpoints, clock);
        named.putAll(metrics.processors());
    }

    public UsageMetrics metrics() {
        return metrics;
    }

    public List<UsageApi> apis() {
        return apis;
    }

    public SourceCatalog sourceCatalog() {
        return sourceCatalog;
    }

    public CollectionPlanner collectionPlanner() {
        return collectionPlanner;
    }

    /** The beans routes refer to, by name. */
    public Map<String, Object> named() {
        return named;
    }
}
