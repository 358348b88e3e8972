package io.mediausage.collector.app;

import io.mediausage.collector.checkpoint.KafkaCheckpointStore;
import io.mediausage.collector.collect.CollectRoutes;
import io.mediausage.collector.collect.WindowTask;
import io.mediausage.collector.event.UsageJson;
import io.mediausage.collector.kafka.DryRunWindowPublisher;
import io.mediausage.collector.kafka.KafkaClientProperties;
import io.mediausage.collector.kafka.TransactionalWindowPublisher;
import io.mediausage.collector.kafka.UsageEventRecords;
import io.mediausage.collector.route.UsageRouteTemplates;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.source.SourceCatalog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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

    private CollectorApplication(Main main, CollectorBeans beans, TransactionalWindowPublisher publisher) {
        this.main = main;
        this.beans = beans;
        this.publisher = publisher;
    }

    public static CollectorApplication start(Settings settings) throws Exception {
        if (!Files.isRegularFile(settings.configFile())) {
            throw new IllegalArgumentException("configuration file " + settings.configFile() + " does not exist");
        }
        Main main = new Main();
        Supplier<Properties> kafkaClient = () -> KafkaClientProperties.of(main.getCamelContext());
        KafkaCheckpointStore checkpoints = new KafkaCheckpointStore(kafkaClient,
                () -> main.getCamelContext().resolvePropertyPlaceholders("{{usage.checkpoint-topic}}"),
                UsageJson.objectMapper());
        TransactionalWindowPublisher publisher = new TransactionalWindowPublisher(kafkaClient,
                () -> main.getCamelContext().resolvePropertyPlaceholders("{{usage.kafka.transactional-id}}"),
                checkpoints, new UsageEventRecords(UsageJson.objectMapper()));
        Processor windowPublisher = settings.dryRun()
                ? new DryRunWindowPublisher(settings.dryRunOutput(), UsageJson.objectMapper()) : publisher;
        CollectorBeans beans = new CollectorBeans(settings.clock(), settings.credentials(), checkpoints,
                windowPublisher);
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
        beans.named().forEach(main::bind);
        main.configure().addRoutesBuilder(new UsageRouteTemplates(beans.sourceCatalog(), beans.apis()));
        main.configure().addRoutesBuilder(new CollectRoutes());
        main.start();
        LOG.info("Collector started with sources {}", beans.sourceCatalog().all().stream().map(s -> s.name()).toList());
        return new CollectorApplication(main, beans, publisher);
    }

    /** The names of the APIs the collector knows, which are also their route template ids. */
    public static List<String> apiNames() {
        return CollectorBeans.API_NAMES;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public SourceCatalog sources() {
        return beans.sourceCatalog();
    }

    /** Collects the whole buckets of {@code [from, to)} for one source, window by window, and reports the outcome. */
    public CollectionReport collect(String sourceName, Instant from, Instant to) {
        return collect(sourceName, from, to, (task, index, total, events, failure) -> { });
    }

    /** How many windows {@link #collect} would go through. */
    public int plannedWindows(String sourceName, Instant from, Instant to) {
        return beans.collectionPlanner().range(sources().get(sourceName), from, to).size();
    }

    /** The same, telling {@code listener} about each window as it ends. */
    public CollectionReport collect(String sourceName, Instant from, Instant to, WindowListener listener) {
        List<WindowTask> tasks = beans.collectionPlanner().range(sources().get(sourceName), from, to);
        List<String> failures = new ArrayList<>();
        int events = 0;
        try (ProducerTemplate producer = context().createProducerTemplate()) {
            for (int i = 0; i < tasks.size(); i++) {
                WindowTask task = tasks.get(i);
                try {
                    int published = producer.requestBody(CollectRoutes.COLLECT_WINDOW, task, List.class).size();
                    events += published;
                    listener.windowDone(task, i + 1, tasks.size(), published, null);
                } catch (RuntimeException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    logWindowFailed(task, cause);
                    failures.add(task + ": " + cause.getMessage());
                    listener.windowDone(task, i + 1, tasks.size(), 0, cause.getMessage());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the producer template", e);
        }
        return new CollectionReport(sourceName, tasks.size(), events, failures);
    }

    /** Logged outside any exchange, where camel-mdc sets no MDC: the window's keys are set here. */
    private static void logWindowFailed(WindowTask task, Throwable cause) {
        try (MDC.MDCCloseable source = MDC.putCloseable(CollectRoutes.SOURCE, task.source().name());
                MDC.MDCCloseable window = MDC.putCloseable(CollectRoutes.WINDOW, task.window().toString())) {
            LOG.error("Window {} failed: {}", task, cause.getMessage());
        }
    }

    /** Blocks until the JVM is asked to stop (the scheduled collector). */
    public void awaitShutdown() throws Exception {
        try {
            main.run();
        } finally {
            publisher.close();
        }
    }

    @Override
    public void close() throws Exception {
        main.stop();
        publisher.close();
    }
}
