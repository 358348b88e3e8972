package io.mediausage.collector.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.api.huawei.HuaweiResponseReader;
import io.mediausage.collector.api.huawei.HuaweiSigningProcessor;
import io.mediausage.collector.api.tencent.TencentResponseReader;
import io.mediausage.collector.api.tencent.TencentSigningProcessor;
import io.mediausage.collector.catalog.SourceCatalog;
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
import io.mediausage.collector.http.AnswerLimitsConfigurer;
import io.mediausage.collector.kafka.DeadLetterRecordProcessor;
import io.mediausage.collector.metrics.UsageMetrics;
import io.mediausage.collector.ratelimit.ApiRateLimitProcessor;
import io.mediausage.collector.ratelimit.ApiRateLimiters;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.window.WindowPlanner;
import java.time.Clock;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/**
 * Every bean of the collector, which camel-main binds under the names the routes and the configuration refer to
 * ({@code main.configure().addConfiguration}): each method annotated {@link BindToRegistry}, and the metrics'
 * processors in {@link #configure(CamelContext)}.
 */
public final class CollectorBeans implements CamelConfiguration {

    private final ObjectMapper json = UsageJson.objectMapper();
    private final List<UsageApi> apis = UsageApis.all();
    private final Clock clock;
    private final Processor windowPublisher;
    private final SourceOwnership ownership;
    private final SourceCatalog sourceCatalog;
    private final CollectionPlanner collectionPlanner;
    private final UsageMetrics metrics;
    /** Shared by the call route, which takes the permits, and the HTTP clients, which send the requests. */
    private final ApiRateLimiters rateLimiters = new ApiRateLimiters();

    /** @param ownership which sources this process runs on schedule (see the group package) */
    public CollectorBeans(Clock clock, CredentialsResolver credentialsResolver, CheckpointStore checkpoints,
            Processor windowPublisher, SourceOwnership ownership) {
        this.clock = clock;
        this.windowPublisher = windowPublisher;
        this.ownership = ownership;
        sourceCatalog = new SourceCatalog(credentialsResolver, clock);
        collectionPlanner = new CollectionPlanner(new WindowPlanner(), checkpoints, clock);
        metrics = new UsageMetrics(checkpoints, clock);
    }

    /** The metrics' processors (usageApiCallFailed, usageWindowPublished...), under the names the metrics give them. */
    @Override
    public void configure(CamelContext camelContext) {
        metrics.processors().forEach(camelContext.getRegistry()::bind);
    }

    public UsageMetrics metrics() {
        return metrics;
    }

    public List<UsageApi> apis() {
        return apis;
    }

    @BindToRegistry("sourceCatalog")
    public SourceCatalog sourceCatalog() {
        return sourceCatalog;
    }

    @BindToRegistry("collectionPlanner")
    public CollectionPlanner collectionPlanner() {
        return collectionPlanner;
    }

    @BindToRegistry("scheduledWindows")
    public ScheduledWindows scheduledWindows() {
        return new ScheduledWindows(sourceCatalog, collectionPlanner, ownership);
    }

    @BindToRegistry("scheduledRun")
    public ScheduledRun scheduledRun() {
        return new ScheduledRun(ownership);
    }

    @BindToRegistry("ownedSourceCheck")
    public OwnedSourceCheck ownedSourceCheck() {
        return new OwnedSourceCheck(ownership);
    }

    @BindToRegistry("itemFailureOutcome")
    public ItemFailureOutcome itemFailureOutcome() {
        return new ItemFailureOutcome();
    }

    @BindToRegistry("logContext")
    public LogContext logContext() {
        return new LogContext();
    }

    // a signature carries the wall-clock time the cloud checks, whatever clock plans the windows
    @BindToRegistry("tencentSigning")
    public TencentSigningProcessor tencentSigning() {
        return new TencentSigningProcessor(Clock.systemUTC());
    }

    @BindToRegistry("tencentResponseReader")
    public TencentResponseReader tencentResponseReader() {
        return new TencentResponseReader(json);
    }

    @BindToRegistry("huaweiSigning")
    public HuaweiSigningProcessor huaweiSigning() {
        return new HuaweiSigningProcessor(Clock.systemUTC());
    }

    @BindToRegistry("huaweiResponseReader")
    public HuaweiResponseReader huaweiResponseReader() {
        return new HuaweiResponseReader(json);
    }

    @BindToRegistry("usageEventMapper")
    public UsageEventMapper usageEventMapper() {
        return new UsageEventMapper(new UsageEventFactory(), clock);
    }

    /** The Kafka transactions of the collector, or a dry run's printing. */
    @BindToRegistry("windowPublisher")
    public Processor windowPublisher() {
        return windowPublisher;
    }

    @BindToRegistry("apiRateLimit")
    public ApiRateLimitProcessor apiRateLimit() {
        return new ApiRateLimitProcessor(rateLimiters);
    }

    @BindToRegistry("deadLetterRecord")
    public DeadLetterRecordProcessor deadLetterRecord() {
        return new DeadLetterRecordProcessor(json, clock);
    }

    /**
     * camel-http's clients' limits and rate-limited sends
     * ({@code camel.component.http.http-client-configurer = #usageAnswerLimits}).
     */
    @BindToRegistry("usageAnswerLimits")
    public AnswerLimitsConfigurer usageAnswerLimits(CamelContext camelContext) {
        return new AnswerLimitsConfigurer(camelContext::resolvePropertyPlaceholders, rateLimiters);
    }
}
