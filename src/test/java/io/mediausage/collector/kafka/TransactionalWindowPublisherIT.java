package io.mediausage.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.checkpoint.KafkaCheckpointStore;
import io.mediausage.collector.event.EventOrigin;
import io.mediausage.collector.event.UsageEvent;
import io.mediausage.collector.event.UsageEventFactory;
import io.mediausage.collector.event.UsageJson;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.event.UsageUnits;
import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.group.SourcePartitions;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.task.WindowPart;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import io.mediausage.collector.window.Window;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publisher's group commit against a real broker: whole windows of several sources that become ready while their
 * lane is busy are committed in one transaction, each with its checkpoint; and a window that fails such a transaction
 * fails alone, its neighbours published.
 *
 * <p>The lane is made busy by a wide window's open transaction (which holds the lane from its first part to its
 * last), so which windows share a transaction does not depend on timing: they all wait while it is open.
 */
class TransactionalWindowPublisherIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    private static final Window WINDOW = new Window(Instant.parse("2026-11-20T00:00:00Z"),
            Instant.parse("2026-11-20T01:00:00Z"));
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final AtomicInteger EVENT = new AtomicInteger();

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final String topic = "group-commit-" + RUN.incrementAndGet();
    private final String checkpointTopic = topic + ".checkpoints";
    private KafkaCheckpointStore checkpoints;
    private TransactionalWindowPublisher publisher;

    @AfterEach
    void close() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        camel.close();
    }

    @Test
    void should_commit_the_windows_that_wait_for_a_busy_lane_in_one_transaction() throws Exception {
        open(Map.of());
        List<Exchange> waiting = IntStream.rangeClosed(1, 5).mapToObj(i -> window("source-" + i, 3, 0)).toList();

        publishWhileTheLaneIsBusy(waiting);

        assertThat(waiting).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        List<ConsumerRecord<String, String>> events = KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(4 + 5 * 3); // the wide window's 4 events and the five windows' 3 each
        assertThat(events.stream().map(ConsumerRecord::key).distinct()).hasSize(events.size());
        // each committed transaction leaves one marker in the partition: the wide window's, and one for all five
        assertThat(endOffset() - events.size()).isEqualTo(2);
        assertThat(checkpointsRead()).containsOnlyKeys("wide", "source-1", "source-2", "source-3", "source-4",
                "source-5");
    }

    @Test
    void should_publish_alone_a_window_that_failed_its_transaction_and_the_others_beside_it() throws Exception {
        // one event of source-3 is larger than a request may be: the broker cannot take it, the transaction fails
        open(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "20000"));
        List<Exchange> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(window("source-" + i, 3, i == 3 ? 30_000 : 0));
        }

        publishWhileTheLaneIsBusy(waiting);

        assertThat(waiting.get(2).getException()).isNotNull();
        assertThat(List.of(waiting.get(0), waiting.get(1), waiting.get(3), waiting.get(4)))
                .allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        List<ConsumerRecord<String, String>> events = KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(4 + 4 * 3);
        assertThat(events).noneMatch(event -> event.value().contains("\"source-3\""));
        assertThat(events.stream().map(ConsumerRecord::key).distinct()).hasSize(events.size());
        assertThat(checkpointsRead()).containsOnlyKeys("wide", "source-1", "source-2", "source-4", "source-5");
    }

    private void open(Map<String, String> producerSettings) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        checkpoints = new KafkaCheckpointStore(this::clientProperties, () -> checkpointTopic, UsageJson.objectMapper());
        publisher = new TransactionalWindowPublisher(() -> {
            Properties properties = clientProperties();
            properties.putAll(producerSettings);
            return properties;
        }, () -> new TransactionalWindowPublisher.Lanes(topic + "-tx", new SourcePartitions(8), Duration.ofMinutes(1),
                true, true), checkpoints, new UsageEventRecords(UsageJson.objectMapper()));
    }

    private Properties clientProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", KAFKA.bootstrapServers());
        return properties;
    }

    /**
     * Opens a wide window's transaction (which holds the lane), lets the windows' threads queue behind it, then
     * ends it; returns once every window's publishing ended.
     */
    private void publishWhileTheLaneIsBusy(List<Exchange> windows) throws Exception {
        Exchange first = window("wide", 2, 0);
        first.setProperty(UsageExchange.WINDOW_PART, WindowPart.FIRST);
        publisher.process(first);
        assertThat(first.getException()).isNull();

        List<Thread> threads = windows.stream().map(exchange -> new Thread(() -> {
            try {
                publisher.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
        })).toList();
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!threads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING)) {
            assertThat(System.nanoTime()).as("every window waiting for the lane").isLessThan(deadline);
            Thread.onSpinWait();
        }

        Exchange last = window("wide", 2, 0);
        last.setProperty(UsageExchange.WINDOW_PART, WindowPart.LAST);
        publisher.process(last);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    private Exchange window(String sourceName, int events, int resourceIdLength) {
        UsageSource source = source(sourceName);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(UsageExchange.WINDOW_TASK, new WindowTask(source, WINDOW));
        exchange.setProperty(UsageExchange.TOPIC, topic);
        exchange.getMessage().setBody(events(source, events, resourceIdLength));
        return exchange;
    }

    private static List<UsageEvent> events(UsageSource source, int count, int resourceIdLength) {
        UsageEventFactory factory = new UsageEventFactory();
        EventOrigin origin = new EventOrigin("Tencent Cloud", "test", "ap-guangzhou", "100012345678", source.name(),
                "DescribeTest");
        String resource = resourceIdLength == 0 ? "resource" : "r".repeat(resourceIdLength);
        return IntStream.range(0, count).mapToObj(i -> factory.create(origin, new UsageMeasurement(WINDOW.start(),
                Duration.ofHours(1), resource, "sku-" + EVENT.incrementAndGet(), "usage", BigDecimal.ONE,
                UsageUnits.SECONDS), "request", WINDOW.end())).toList();
    }

    /** Sources of one credential, so of one lane. */
    private static UsageSource source(String name) {
        var api = UsageApis.all().get(0);
        return new UsageSource(name, api, URI.create("http://127.0.0.1:1"), "100012345678", TestSources.CREDENTIALS,
                "usage.test", WINDOW.start(), Duration.ZERO, Duration.ZERO, 10,
                new SourceParameters(name, Map.of()));
    }

    private long endOffset() {
        Properties properties = clientProperties();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** The checkpoint records committed, by key. */
    private Map<String, String> checkpointsRead() {
        Map<String, String> read = new HashMap<>();
        KafkaTopicReader.readAll(KAFKA.bootstrapServers(), checkpointTopic, Duration.ofSeconds(30))
                .forEach(record -> read.put(record.key(), record.value()));
        return read;
    }
}
