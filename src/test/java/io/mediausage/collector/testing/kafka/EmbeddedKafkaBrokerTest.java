package io.mediausage.collector.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs against a broker of its own: the outage test stops and restarts it. */
class EmbeddedKafkaBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void idempotentProducerRecordsAreReadBackWithKeysValuesAndHeaders() throws Exception {
        String topic = "usage-idempotent";
        KAFKA.broker().createTopic(topic, 3, false);
        int n = 200;
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i);
                record.headers().add("seq", String.valueOf(i).getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic, READ_TIMEOUT);

        assertThat(records).hasSize(n);
        assertThat(records).allSatisfy(r -> {
            int seq = Integer.parseInt(header(r, "seq"));
            assertThat(r.value()).isEqualTo("value-" + seq);
            assertThat(r.key()).isEqualTo("key-" + (seq % 10));
        });
        assertThat(records).extracting(r -> header(r, "seq")).doesNotHaveDuplicates();
        // same key -> same partition, and within a partition the send order is kept
        assertThat(records.stream().filter(r -> r.key().equals("key-3")).map(ConsumerRecord::value))
                .containsExactly(java.util.stream.IntStream.range(0, n).filter(i -> i % 10 == 3)
                        .mapToObj(i -> "value-" + i).toArray(String[]::new));
    }

    @Test
    void transactionalProducerCommittedRecordsAreVisibleAbortedAreNot() throws Exception {
        String topic = "usage-transactional";
        KAFKA.broker().createTopic(topic, 2, false);
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test-1"))) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "b", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted-1"));
            producer.send(new ProducerRecord<>(topic, "b", "aborted-2"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "c", "committed-3"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic, READ_TIMEOUT);

        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(tuple("a", "committed-1"), tuple("b", "committed-2"), tuple("c", "committed-3"));
    }

    @Test
    void compactedTopicHasCleanupPolicyCompact() throws Exception {
        KAFKA.broker().createTopic("usage-compacted", 1, true);
        KAFKA.broker().createTopic("usage-not-compacted", 1, false);

        try (Admin admin = KAFKA.broker().admin()) {
            ConfigResource compacted = new ConfigResource(ConfigResource.Type.TOPIC, "usage-compacted");
            ConfigResource plain = new ConfigResource(ConfigResource.Type.TOPIC, "usage-not-compacted");
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(compacted, plain)).all().get(30, TimeUnit.SECONDS);

            assertThat(configs.get(compacted).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(configs.get(plain).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
            assertThat(admin.describeTopics(List.of("usage-compacted")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("usage-compacted").partitions()).hasSize(1);
        }
    }

    @Test
    void recordsSurviveStopAndRestartAndSendsFailWhileDown() throws Exception {
        EmbeddedKafkaBroker broker = KAFKA.broker();
        String topic = "usage-outage";
        String bootstrap = broker.bootstrapServers();
        broker.createTopic(topic, 1, false);
        Map<String, String> shortTimeouts = Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "2000");
        // a long-lived producer, as a Camel route keeps one, across the outage
        try (KafkaProducer<String, String> producer = producer(shortTimeouts)) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
            }

            broker.stop();
            assertThat(broker.isRunning()).isFalse();

            // the connected producer: the batch expires (delivery.timeout.ms)
            assertSendTimesOut(producer, topic, "lost-1");
            // a producer started during the outage: blocks on metadata (max.block.ms)
            try (KafkaProducer<String, String> late = producer(shortTimeouts)) {
                assertSendTimesOut(late, topic, "lost-2");
            }

            long t0 = System.nanoTime();
            broker.restart();
            System.out.printf("broker restart took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

            // the same producer recovers once the broker is back
            producer.send(new ProducerRecord<>(topic, "k5", "after-5")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k6", "after-6")).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readAll(bootstrap, topic, READ_TIMEOUT);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactly("before-0", "before-1", "before-2", "before-3", "before-4", "after-5", "after-6");
    }

    private static void assertSendTimesOut(KafkaProducer<String, String> producer, String topic, String value) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", value)).get(20, TimeUnit.SECONDS))
                .satisfiesAnyOf(
                        e -> assertThat(e).isInstanceOf(TimeoutException.class),
                        e -> assertThat(e).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void readingAMissingTopicFailsInsteadOfCreatingIt() {
        assertThatThrownBy(() -> KafkaTopicReader.readAll(KAFKA.bootstrapServers(), "no-such-topic", Duration.ofSeconds(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-topic");
    }

    static KafkaProducer<String, String> producer(Map<String, String> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putAll(overrides);
        return new KafkaProducer<>(p);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
