package io.mediausage.collector.testing.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (combined broker+controller), in process, kafka_2.13 3.9.1.
 *
 * <p>The node listens on 127.0.0.1 only: PLAINTEXT for clients on {@link #port()}, CONTROLLER on a
 * second port. Both ports are chosen once, so {@link #stop()} followed by {@link #restart()} brings
 * the same broker back at the same address with the same data (topics, records, committed
 * offsets, transaction state).
 *
 * <p>Not thread-safe for concurrent lifecycle calls; clients may of course use it from any thread.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;
    private final KafkaConfig config;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Path dataDir, boolean deleteOnClose, int port, int controllerPort,
            Map<String, String> settings) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.controllerPort = controllerPort;
        Properties properties = brokerProperties();
        properties.putAll(settings);
        this.config = new KafkaConfig(properties, false);
    }

    /** Starts a broker on free ports with a fresh temporary data dir (deleted by {@link #close()}). */
    public static EmbeddedKafkaBroker start() {
        return start(freePort(), null);
    }

    /** As {@link #start()}, with broker settings that replace this class's (which are made for small tests). */
    public static EmbeddedKafkaBroker start(Map<String, String> settings) {
        return startOn(new EmbeddedKafkaBroker(temporaryDir(), true, freePort(), freePort(), settings));
    }

    /**
     * Starts a broker on the given client port. With a {@code dataDir} the broker keeps its data
     * there: the dir is formatted if it is empty, reused as it is if it already holds this kind of
     * broker's data, and kept by {@link #close()}. With {@code null} it uses a fresh temporary dir
     * that {@link #close()} deletes. The controller listener takes a free port.
     */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) {
        boolean temporary = dataDir == null;
        Path dir;
        try {
            dir = temporary ? temporaryDir() : Files.createDirectories(dataDir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return startOn(new EmbeddedKafkaBroker(dir, temporary, port, freePort(), Map.of()));
    }

    private static Path temporaryDir() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedKafkaBroker startOn(EmbeddedKafkaBroker broker) {
        try {
            broker.format();
            broker.startServer();
            return broker;
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
    }

    /** {@code "127.0.0.1:<port>"}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The PLAINTEXT (client) port; stays the same across {@link #stop()}/{@link #restart()}. */
    public int port() {
        return port;
    }

    /** Where the broker keeps its log dirs and metadata log. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Takes the broker down (simulating an outage); keeps the data dir and the ports. Idempotent. */
    public synchronized void stop() {
        KafkaRaftServer s = server;
        if (s == null) {
            return;
        }
        server = null;
        long t0 = System.nanoTime();
        try {
            s.shutdown();
            s.awaitShutdown();
        } finally {
            LOG.info("Kafka broker {} stopped in {} ms", bootstrapServers(), millisSince(t0));
        }
    }

    /** Starts the broker again (stopping it first if it runs): same port, same data. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("broker was closed");
        }
        stop();
        startServer();
    }

    /**
     * Creates a topic with replication factor 1 and waits until it is created. With
     * {@code compacted} the topic has {@code cleanup.policy=compact}. A topic that already exists is
     * left as it is.
     */
    public void createTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1);
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name, e.getCause());
                }
            }
            awaitLeaders(admin, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        }
    }

    /**
     * Waits until the broker's metadata has the topic with a leader for every partition: a created topic is not
     * at once described, produced to or read from (seen as UnknownTopicOrPartition on a busy machine).
     */
    private static void awaitLeaders(Admin admin, String name) {
        Awaitility.await("a leader for every partition of topic " + name).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                // not known yet: ask again
                .ignoreExceptionsInstanceOf(ExecutionException.class)
                .ignoreExceptionsInstanceOf(java.util.concurrent.TimeoutException.class)
                .until(() -> admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name)
                        .partitions().stream().allMatch(partition -> partition.leader() != null));
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(p);
    }

    /** Stops the broker and deletes the data dir (unless it was given to {@link #start(int, Path)}). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (deleteOnClose) {
                deleteRecursively(dataDir);
            }
        }
    }

    // ---------------------------------------------------------------------------------------

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir().toString());
        p.put("metadata.log.dir", logDir().toString());

        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the collectors' group tests fail replicas over in seconds, below the brokers' default minimum of 6 s
        p.put("group.min.session.timeout.ms", "2000");

        // small and cheap: this runs next to the code under test on 2 cores
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        p.put("background.threads", "2");
        p.put("log.segment.bytes", String.valueOf(1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("log.cleaner.io.buffer.size", String.valueOf(256 * 1024));
        p.put("offsets.topic.segment.bytes", String.valueOf(1024 * 1024));
        p.put("transaction.state.log.segment.bytes", String.valueOf(1024 * 1024));
        p.put("log.index.size.max.bytes", String.valueOf(64 * 1024));
        p.put("metadata.log.segment.bytes", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    /** Formats the log dir like {@code kafka-storage.sh format}, unless it already holds a broker's data. */
    private void format() {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            LOG.info("reusing the formatted Kafka data in {}", logDir());
            return;
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(logDir());
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setSupportedFeatures(Features.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir().toString())
                    .addDirectory(logDir().toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format " + logDir(), e);
        }
        LOG.debug("formatted {} in {} ms", logDir(), millisSince(t0));
    }

    private void startServer() {
        long t0 = System.nanoTime();
        KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
        server = s;
        try {
            s.startup();
            awaitReady();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        LOG.info("Kafka broker {} ready in {} ms (data in {})", bootstrapServers(), millisSince(t0), dataDir);
    }

    /** Ready = the admin client sees this node as a live (registered, unfenced) broker. */
    private void awaitReady() {
        try (Admin admin = admin()) {
            Awaitility.await("Kafka broker " + bootstrapServers() + " ready").atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(ExecutionException.class)
                    .ignoreExceptionsInstanceOf(java.util.concurrent.TimeoutException.class)
                    .until(() -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", " + (isRunning() ? "running" : "stopped") + ", " + dataDir + "]";
    }
}
