package io.mediausage.collector.app;

import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.checkpoint.CheckpointStore;
import io.mediausage.collector.checkpoint.KafkaCheckpointStore;
import io.mediausage.collector.collect.ApiCallErrorHandling;
import io.mediausage.collector.collect.BackfillPlan;
import io.mediausage.collector.collect.CollectRoutes;
import io.mediausage.collector.collect.WindowRunner;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.config.ConfigurationCheck;
import io.mediausage.collector.config.ConfigurationException;
import io.mediausage.collector.event.UsageJson;
import io.mediausage.collector.group.GroupHealthCheck;
import io.mediausage.collector.group.GroupMembership;
import io.mediausage.collector.group.GroupSettings;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.group.SourcePartitions;
import io.mediausage.collector.kafka.DryRunWindowPublisher;
import io.mediausage.collector.kafka.KafkaClientProperties;
import io.mediausage.collector.kafka.TransactionalWindowPublisher;
import io.mediausage.collector.kafka.UsageEventRecords;
import io.mediausage.collector.route.UsageRouteTemplates;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.catalog.SourceCatalog;
import io.mediausage.collector.api.UsageSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector as a Camel Main application: properties from {@code config/application.properties}, sources from
 * the route files it names, beans from {@link CollectorBeans}.
 */
public final class CollectorApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorApplication.class);

    /**
     * How to start.
     *
     * @param configFile  the application.properties to load
     * @param overrides   properties that win over the file (the CLI's and the tests' overrides)
     * @param scheduled   false to keep the Quartz schedules from firing (one-shot collection)
     * @param dryRunOutput where a dry run prints the events instead of publishing them; null to publish
     */
    public record Settings(Path configFile, Map<String, String> overrides, Clock clock,
            CredentialsResolver credentials, boolean scheduled, PrintStream dryRunOutput) {

        /** Publishing to Kafka. */
        public Settings(Path configFile, Map<String, String> overrides, Clock clock, CredentialsResolver credentials,
                boolean scheduled) {
            this(configFile, overrides, clock, credentials, scheduled, null);
        }

        /** A dry run prints events to {@code dryRunOutput} instead of publishing them. */
        public boolean dryRun() {
            return dryRunOutput != null;
        }
    }

    /** Told about each window of a one-shot collection as it ends. */
    @FunctionalInterface
    public interface WindowListener {

        /** @param failure null when the window was published */
        void windowDone(WindowTask task, int index, int total, int events, String failure);
    }

    private final Main main;
    private final CollectorBeans beans;
    private final TransactionalWindowPublisher publisher;
    /** This replica's membership of the group; null for a one-shot command. */
    private final GroupMembership membership;

    private final boolean dryRun;
    private WindowRunner runner;

    private CollectorApplication(Main main, CollectorBeans beans, TransactionalWindowPublisher publisher,
            GroupMembership membership, boolean dryRun) {
        this.main = main;
        this.beans = beans;
        this.publisher = publisher;
        this.membership = membership;
        this.dryRun = dryRun;
    }

    public static CollectorApplication start(Settings settings) throws Exception {
        if (!Files.isRegularFile(settings.configFile())) {
            throw new IllegalArgumentException("configuration file " + settings.configFile() + " does not exist");
        }
        Main main = new Main();
        Function<String, String> property = key -> main.getCamelContext().resolvePropertyPlaceholders("{{" + key + "}}");
        Supplier<Properties> kafkaClient = () -> KafkaClientProperties.of(main.getCamelContext());
        KafkaCheckpointStore checkpoints = new KafkaCheckpointStore(kafkaClient,
                () -> property.apply("usage.checkpoint-topic"), UsageJson.objectMapper());
        Supplier<SourcePartitions> partitions = () -> new SourcePartitions(
                Integer.parseInt(property.apply("usage.group.partitions")));
        // the scheduled collector runs the sources the group gives it; a one-shot command whatever it is told to
        SourceOwnership ownership = settings.scheduled() ? SourceOwnership.grouped(partitions)
                : SourceOwnership.everything(partitions);
        TransactionalWindowPublisher publisher = new TransactionalWindowPublisher(
                () -> KafkaClientProperties.producer(main.getCamelContext()),
                () -> lanes(settings.scheduled(), property, ownership.partitions(), kafkaClient),
                checkpoints, new UsageEventRecords(UsageJson.objectMapper()));
        Processor windowPublisher = settings.dryRun()
                ? new DryRunWindowPublisher(settings.dryRunOutput(), UsageJson.objectMapper()) : publisher;
        // a dry run neither reads nor moves checkpoints, so it needs no broker (the metrics' gauges would read them)
        CheckpointStore beansCheckpoints = settings.dryRun() ? CheckpointStore.NONE : checkpoints;
        CollectorBeans beans = new CollectorBeans(settings.clock(), settings.credentials(), beansCheckpoints,
                windowPublisher, ownership);
        ConfigurationCheck check = new ConfigurationCheck(settings.configFile(), beans.apis(),
                settings.credentials(), settings.clock());
        main.addMainListener(check);
        main.setPropertyPlaceholderLocations("file:" + settings.configFile().toAbsolutePath());
        settings.overrides().forEach(main::addOverrideProperty);
        if (settings.dryRun()) {
            main.addOverrideProperty("usage.dead-letter-endpoint", "log:usage-dead-letter?level=ERROR");
        }
        if (!settings.scheduled()) {
            main.addOverrideProperty("camel.component.quartz.auto-start-scheduler", "false");
            // a one-shot command serves no health or metrics: the scheduled collector on the host owns that port
            main.addOverrideProperty("camel.management.enabled", "false");
        }
        main.configure().addConfiguration(beans);
        main.configure().addRoutesBuilder(new UsageRouteTemplates(beans.sourceCatalog(), beans.apis()));
        main.configure().addRoutesBuilder(new ApiCallErrorHandling());
        main.configure().addRoutesBuilder(new CollectRoutes());
        start(main, check);
        GroupMembership membership = null;
        if (settings.scheduled()) {
            ManagementEndpoints.refuseDetailRequests(main.getCamelContext());
            membership = joinGroup(main, property, kafkaClient, ownership,
                    new PartitionTakeover(publisher, checkpoints, beans.sourceCatalog(), ownership.partitions(),
                            beans.metrics(), main.getCamelContext()), beans);
        }
        LOG.info("Collector started with sources {}", beans.sourceCatalog().all().stream().map(s -> s.name()).toList());
        return new CollectorApplication(main, beans, publisher, membership, settings.dryRun());
    }

    /** Joins the collectors' group, whose rebalances decide which sources this replica runs. */
    private static GroupMembership joinGroup(Main main, Function<String, String> property,
            Supplier<Properties> kafkaClient, SourceOwnership ownership, PartitionTakeover takeover,
            CollectorBeans beans) {
        String instanceId = property.apply("usage.group.instance-id");
        GroupSettings group = new GroupSettings(property.apply("usage.group.id"), property.apply("usage.group.coordination-topic"),
                ownership.partitions(), instanceId.isBlank() ? Optional.empty() : Optional.of(instanceId),
                Duration.parse(property.apply("usage.group.session-timeout")),
                Duration.parse(property.apply("usage.group.heartbeat-interval")),
                Duration.parse(property.apply("usage.group.release-timeout")));
        GroupMembership membership = new GroupMembership(kafkaClient, group, ownership, takeover,
                beans.sourceCatalog());
        CamelContext context = main.getCamelContext();
        HealthCheckRegistry.get(context).register(new GroupHealthCheck(membership, group.groupId()));
        beans.metrics().group(context, () -> ownership.owned().size(), membership::sourcesOwned,
                membership::rebalances);
        membership.start();
        // on SIGTERM, leave the group before Camel stops: the runs start no new window, finish those in flight, and
        // the other replicas take the partitions over at once instead of after the session timeout
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport stopping) {
                try {
                    membership.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return membership;
    }

    /**
     * The transactional producers' settings. A member of the group opens a partition's producer as it takes the
     * partition over. A one-shot command opens them as it needs them: under the group's own ids while no replica of
     * the group runs (so it aborts what a crashed one left open, and a replica that starts meanwhile fences it: its
     * windows then fail and publish nothing); beside a running group, under ids of its own, moving its backfill
     * checkpoint but never a source's, which is the owner's alone: so it never moves one backwards.
     */
    private static TransactionalWindowPublisher.Lanes lanes(boolean member, Function<String, String> property,
            SourcePartitions partitions, Supplier<Properties> kafkaClient) {
        String transactionalId = property.apply("usage.kafka.transactional-id");
        Duration timeout = Duration.parse(property.apply("usage.kafka.transaction-timeout"));
        if (member) {
            return new TransactionalWindowPublisher.Lanes(transactionalId, partitions, timeout, false, true);
        }
        String groupId = property.apply("usage.group.id");
        int running = GroupMembership.runningMembers(kafkaClient, groupId);
        if (running == 0) {
            return new TransactionalWindowPublisher.Lanes(transactionalId, partitions, timeout, true, true);
        }
        LOG.warn("{} replica(s) of the collectors' group {} are running: this command publishes its windows beside "
                + "them (transactional ids {}-guest-p<n>) and leaves the sources' checkpoints to them", running,
                groupId, transactionalId);
        return new TransactionalWindowPublisher.Lanes(transactionalId + "-guest", partitions, timeout, true, false);
    }

    /** Starts Camel; a configuration problem surfaces as one {@link ConfigurationException}, without Camel's wrapping. */
    private static void start(Main main, ConfigurationCheck check) throws Exception {
        try {
            main.start();
        } catch (Exception e) {
            try {
                main.stop();
            } catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            Optional<ConfigurationException> problem = check.explain(e);
            if (problem.isPresent()) {
                throw problem.get();
            }
            throw e;
        }
    }

    /** The names of the APIs the collector knows, which are also their route template ids. */
    public static List<String> apiNames() {
        return UsageApis.names();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public SourceCatalog sources() {
        return beans.sourceCatalog();
    }

    /** Collects the whole buckets of {@code [from, to)} for one source, window by window, and reports the outcome. */
    public CollectionReport collect(String sourceName, Instant from, Instant to) {
        List<WindowTask> windows = beans.collectionPlanner().range(sources().get(sourceName), from, to);
        return collect(sourceName, windows, (task, index, total, events, failure) -> { }, () -> false);
    }

    /**
     * What a backfill of {@code [from, to)} still has to collect: the windows an earlier run of the same range did
     * not commit; a dry run, which moves no checkpoint, always goes over the whole range.
     */
    public BackfillPlan planBackfill(String sourceName, Instant from, Instant to) {
        UsageSource source = sources().get(sourceName);
        return dryRun ? BackfillPlan.whole(sourceName, beans.collectionPlanner().range(source, from, to))
                : beans.collectionPlanner().backfill(source, from, to);
    }

    /**
     * Collects {@code windows} several at a time, publishing them in order (see {@link WindowRunner}), telling
     * {@code listener} about each as it ends, until they are done or {@code stopRequested} (checked before each window
     * starts, so the windows in flight are finished, not abandoned). A failed window does not stop the others.
     */
    public CollectionReport collect(String sourceName, List<WindowTask> windows, WindowListener listener,
            BooleanSupplier stopRequested) {
        if (!dryRun && !windows.isEmpty()) {
            publisher.openInBackground(windows.get(0).source()); // while the first calls are under way
        }
        WindowRunner.Outcome outcome = runner().run(windows, false, listener::windowDone, stopRequested);
        return new CollectionReport(sourceName, outcome.windows(), outcome.events(), outcome.failures(),
                outcome.windowsNotStarted());
    }

    private synchronized WindowRunner runner() {
        if (runner == null) {
            runner = WindowRunner.of(context());
        }
        return runner;
    }

    /** Blocks until the JVM is asked to stop (the scheduled collector). */
    public void awaitShutdown() throws Exception {
        try {
            main.run();
        } finally {
            leaveGroup();
            publisher.close();
        }
    }

    @Override
    public void close() throws Exception {
        main.stop();
        leaveGroup();
        publisher.close();
    }

    private void leaveGroup() throws InterruptedException {
        if (membership != null) {
            membership.close();
        }
    }
}
