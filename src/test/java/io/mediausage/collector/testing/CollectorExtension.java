package io.mediausage.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.SimulatorConfig;
import io.mediausage.collector.testing.kafka.EmbeddedKafkaBroker;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The world of an integration test, started before its class and stopped after it: a Kafka broker of its own with
 * the topics the test names, the cloud API simulator, and either the collector in process (on the routes the test
 * names) or a work directory for the packaged jar ({@link CollectorJar}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/vod-sources.yaml")
 *         .topic("usage.tencent.vod", 3, true)
 *         .tencentAccount(SECRET_ID, SECRET_KEY)
 *         .simulator(config -> config.vodFile(SECRET_ID, FILE, null))
 *         .property("it.vod.start", START.toString())
 *         .clock(NOW).scheduled();
 * }</pre>
 * The collector reads the shipped {@code config/application.properties}, the simulator's URL as
 * {@code it.simulator-url} and the broker as {@code camel.component.kafka.brokers}; the in-process collector's
 * credentials come from the variables the test declares (accounts, {@link #environment}), never from the environment
 * of the build, and each run of the jar is given its variables by the test.
 */
public final class CollectorExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Path SHIPPED_CONFIGURATION = Path.of("config/application.properties");

    private final boolean inProcess;
    private final String routes;
    private final Function<CloudApiSimulator, String> sources;
    private final List<Consumer<EmbeddedKafkaBroker>> topics = new ArrayList<>();
    private final List<Consumer<SimulatorConfig.Builder>> simulatorConfig = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Consumer<CloudApiSimulator> beforeCollector = simulator -> { };
    private KafkaBrokerExtension kafka = KafkaBrokerExtension.perClass();
    private Clock clock = Clock.systemUTC();
    private boolean scheduled;
    private boolean startedByTheTest;

    private volatile CloudApiSimulator simulator;
    private volatile CollectorApplication collector;
    private volatile CollectorJar jar;
    private volatile String routesPattern;

    private CollectorExtension(boolean inProcess, String routes, Function<CloudApiSimulator, String> sources) {
        this.inProcess = inProcess;
        this.routes = routes;
        this.sources = sources;
    }

    /** The collector runs in the test's JVM on the given routes ({@code camel.main.routes-include-pattern}). */
    public static CollectorExtension inProcess(String routes) {
        return new CollectorExtension(true, routes, null);
    }

    /**
     * The collector runs in the test's JVM on the routes {@code sources} writes for the started simulator (sources
     * that depend on what the simulator holds).
     */
    public static CollectorExtension inProcess(Function<CloudApiSimulator, String> sources) {
        return new CollectorExtension(true, null, sources);
    }

    /**
     * The packaged jar runs the collector ({@link #jar()}), in a work directory holding the shipped configuration
     * and {@code routes/sources.yaml} as {@code sources} writes it for the started simulator.
     */
    public static CollectorExtension packagedJar(Function<CloudApiSimulator, String> sources) {
        return new CollectorExtension(false, null, sources);
    }

    /** A topic to create before the collector starts. */
    public CollectorExtension topic(String name, int partitions, boolean compacted) {
        topics.add(broker -> broker.createTopic(name, partitions, compacted));
        return this;
    }

    /** No broker at all: for a test that proves the collector does not need one. */
    public CollectorExtension withoutBroker() {
        kafka = null;
        return this;
    }

    /** A Tencent account the simulator knows, in TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY. */
    public CollectorExtension tencentAccount(String secretId, String secretKey) {
        return tencentAccount(secretId, secretKey, "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY");
    }

    /** A Tencent account the simulator knows, in the named variables. */
    public CollectorExtension tencentAccount(String secretId, String secretKey, String idVariable,
            String keyVariable) {
        simulatorConfig.add(config -> config.tencentCredential(secretId, secretKey));
        return environment(idVariable, secretId).environment(keyVariable, secretKey);
    }

    /** A Huawei account the simulator knows, in CLOUD_SDK_AK and CLOUD_SDK_SK. */
    public CollectorExtension huaweiAccount(String ak, String sk) {
        simulatorConfig.add(config -> config.huaweiCredential(ak, sk));
        return environment("CLOUD_SDK_AK", ak).environment("CLOUD_SDK_SK", sk);
    }

    /** What else the simulator is configured with (channels, files, apps, domains). */
    public CollectorExtension simulator(Consumer<SimulatorConfig.Builder> config) {
        simulatorConfig.add(config);
        return this;
    }

    /** Done to the started simulator before the collector starts, e.g. a fault its first calls meet. */
    public CollectorExtension beforeCollector(Consumer<CloudApiSimulator> action) {
        beforeCollector = action;
        return this;
    }

    /** A variable the in-process collector's credentials are resolved from; the simulator is not told of it. */
    public CollectorExtension environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A property that wins over the shipped configuration. */
    public CollectorExtension property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** The collector's "now", pinned. */
    public CollectorExtension clock(Instant now) {
        clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    /** Lets the Quartz schedules fire; without it the test collects by calling the collector. */
    public CollectorExtension scheduled() {
        scheduled = true;
        return this;
    }

    /** No collector before the tests: each starts its own, one after another or side by side ({@link #startCollector}). */
    public CollectorExtension startedByTheTest() {
        startedByTheTest = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (kafka != null) {
            kafka.beforeAll(context);
            topics.forEach(topic -> topic.accept(kafka.broker()));
        }
        simulator = CloudApiSimulator.start(simulatorConfig(SimulatorConfig.builder()).build());
        beforeCollector.accept(simulator);
        routesPattern = routes;
        if (sources != null) {
            Path workDir = Files.createTempDirectory("collector-");
            jar = new CollectorJar(workDir, kafka == null ? Map.of()
                    : Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
            Path sourcesFile = workDir.resolve("routes/sources.yaml");
            Files.createDirectories(sourcesFile.getParent());
            Files.writeString(sourcesFile, sources.apply(simulator));
            // the shipped configuration, as is: the jar finds the routes relative to the working directory
            Files.copy(SHIPPED_CONFIGURATION, workDir.resolve("application.properties"));
            routesPattern = "file:" + sourcesFile.toAbsolutePath();
        }
        if (inProcess && !startedByTheTest) {
            collector = start(clock, scheduled);
        }
    }

    /**
     * A collector of its own for the test to close: this extension's routes, properties and credentials, at the
     * pinned {@code now}, its schedules firing or not.
     */
    public CollectorApplication startCollector(Instant now, boolean scheduled) throws Exception {
        return start(Clock.fixed(now, ZoneOffset.UTC), scheduled);
    }

    private CollectorApplication start(Clock collectorClock, boolean collectorScheduled) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("camel.main.routes-include-pattern", routesPattern);
        all.put("camel.component.kafka.brokers", bootstrapServers());
        all.put("it.simulator-url", simulator().baseUrl().toString());
        all.putAll(properties);
        return CollectorApplication.start(new CollectorApplication.Settings(SHIPPED_CONFIGURATION, all,
                collectorClock, name -> Optional.ofNullable(environment.get(name)), collectorScheduled));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            close(collector);
        } finally {
            try {
                close(simulator);
                close(jar);
            } finally {
                collector = null;
                simulator = null;
                jar = null;
                if (kafka != null) {
                    kafka.afterAll(context);
                }
            }
        }
    }

    /** Stops the simulator and starts one on the same port with another configuration (the accounts stay). */
    public CloudApiSimulator restartSimulator(Consumer<SimulatorConfig.Builder> config) {
        int port = simulator().baseUrl().getPort();
        simulator.close();
        SimulatorConfig.Builder builder = simulatorConfig(SimulatorConfig.builder().port(port));
        config.accept(builder);
        simulator = CloudApiSimulator.start(builder.build());
        return simulator;
    }

    public CloudApiSimulator simulator() {
        return started(simulator, "simulator");
    }

    public CollectorApplication collector() {
        return started(collector, "in-process collector");
    }

    public CollectorJar jar() {
        return started(jar, "packaged jar's work directory");
    }

    public EmbeddedKafkaBroker broker() {
        return started(kafka, "broker").broker();
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The whole topic as it stands (see {@link KafkaTopicReader}). */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return KafkaTopicReader.readAll(bootstrapServers(), topic, Duration.ofSeconds(10));
    }

    /**
     * The events of {@code source} once the topic holds {@code count} of them and two more schedule firings found
     * nothing new, by {@link PublishedEvents#key}; each checked as {@link PublishedEvents} says, and by
     * {@code eachEvent}.
     */
    public Map<String, BigDecimal> awaitPublished(String topic, String source, int count,
            Consumer<JsonNode> eachEvent) throws Exception {
        return PublishedEvents.await(bootstrapServers(), topic, source, count, eachEvent);
    }

    /** As {@link #awaitPublished(String, String, int, Consumer)}, waiting at most {@code atMost}, by another key. */
    public Map<String, BigDecimal> awaitPublished(String topic, String source, int count, Duration atMost,
            Function<JsonNode, String> key, Consumer<JsonNode> eachEvent) throws Exception {
        return PublishedEvents.await(bootstrapServers(), topic, source, count, atMost, key, eachEvent);
    }

    private SimulatorConfig.Builder simulatorConfig(SimulatorConfig.Builder builder) {
        simulatorConfig.forEach(config -> config.accept(builder));
        return builder;
    }

    private static void close(AutoCloseable closeable) throws Exception {
        if (closeable != null) {
            closeable.close();
        }
    }

    private static <T> T started(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("no " + what + ": register CollectorExtension on a static field");
        }
        return value;
    }
}
