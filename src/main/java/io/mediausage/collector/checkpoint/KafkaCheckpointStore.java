package io.mediausage.collector.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints in Kafka itself, as Kafka Connect keeps source offsets: a compacted topic keyed by source name.
 * The latest committed record of each source is loaded once, on first use; a checkpoint moves by a record written
 * in the same transaction as its window's events (see TransactionalWindowPublisher).
 */
public final class KafkaCheckpointStore implements CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCheckpointStore.class);
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final Supplier<Properties> clientProperties;
    private final Supplier<String> topicName;
    private String topic;
    private final ObjectMapper json;
    private Map<String, Instant> checkpoints;
    /** Open item gaps by record key. */
    private final Map<String, ItemGap> gaps = new HashMap<>();

    /**
     * Both settings are read on first use, when the configuration is loaded.
     *
     * @param clientProperties the Kafka client settings (brokers, security) of the Camel Kafka component
     * @param topicName        the compacted checkpoint topic
     */
    public KafkaCheckpointStore(Supplier<Properties> clientProperties, Supplier<String> topicName, ObjectMapper json) {
        this.clientProperties = clientProperties;
        this.topicName = topicName;
        this.json = json;
    }

    @Override
    public synchronized Optional<Instant> collectedUntil(String sourceName) {
        return Optional.ofNullable(loaded().get(sourceName));
    }

    /** The record that moves a checkpoint, to be written in the transaction of the window it follows. */
    public synchronized ProducerRecord<String, String> record(Checkpoint checkpoint) {
        try {
            loaded();
            return new ProducerRecord<>(topic, checkpoint.sourceName(), json.writeValueAsString(checkpoint.toMap()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source's open item gaps, oldest window first. */
    @Override
    public synchronized List<ItemGap> gaps(String sourceName) {
        loaded();
        return gaps.values().stream().filter(gap -> gap.sourceName().equals(sourceName))
                .sorted(Comparator.comparing(ItemGap::window).thenComparing(ItemGap::item)).toList();
    }

    /** The record that opens a gap, to be written in the transaction of the window that could not collect its item. */
    public synchronized ProducerRecord<String, String> record(ItemGap gap) {
        try {
            loaded();
            return new ProducerRecord<>(topic, gap.key(), json.writeValueAsString(gap.toMap()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tombstone that closes a gap, to be written in the transaction of the window that collected its item. */
    public synchronized ProducerRecord<String, String> closing(ItemGap gap) {
        loaded();
        return new ProducerRecord<>(topic, gap.key(), null);
    }

    /** Notes gaps whose records the broker committed. */
    public synchronized void gapsCommitted(List<ItemGap> opened, List<ItemGap> closed) {
        loaded();
        closed.forEach(gap -> gaps.remove(gap.key()));
        opened.forEach(gap -> gaps.put(gap.key(), gap));
    }

    /** Notes a checkpoint whose record the broker committed. */
    public synchronized void committed(Checkpoint checkpoint) {
        loaded().merge(checkpoint.sourceName(), checkpoint.collectedUntil(),
                (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }

    private Map<String, Instant> loaded() {
        if (checkpoints == null) {
            topic = topicName.get();
            createTopicIfMissing();
            checkpoints = readAll();
            LOG.info("Loaded {} checkpoint(s) from {}: {}", checkpoints.size(), topic, checkpoints);
        }
        return checkpoints;
    }

    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(clientProperties.get())) {
            NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(compacted)).all().get();
            LOG.info("Created compacted checkpoint topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the checkpoint topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the checkpoint topic " + topic, e);
        }
    }

    private Map<String, Instant> readAll() {
        Properties properties = clientProperties.get();
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Instant> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && ItemGap.isKey(record.key())) {
                        readGap(record);
                        continue;
                    }
                    Checkpoint checkpoint = Checkpoint.fromMap(json.readValue(record.value(), MAP));
                    latest.put(checkpoint.sourceName(), checkpoint.collectedUntil());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable record in checkpoint topic " + topic, e);
        }
        return latest;
    }

    /** A gap record opens a gap; its tombstone closes it. */
    private void readGap(ConsumerRecord<String, String> record) throws IOException {
        if (record.value() == null) {
            gaps.remove(record.key());
        } else {
            gaps.put(record.key(), ItemGap.fromMap(json.readValue(record.value(), MAP)));
        }
    }
}
