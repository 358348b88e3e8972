package io.mediausage.collector.checkpoint;

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
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
 * Checkpoints in Kafka itself, as Kafka Connect keeps source offsets: a compacted topic keyed by source name (and
 * by backfill name for the backfills' own). The latest committed record of each is loaded once, on first use (see
 * {@link CheckpointRecordReader} for which records count); a checkpoint moves by a record written in the same
 * transaction as its window's events (see TransactionalWindowPublisher).
 */
public final class KafkaCheckpointStore implements CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCheckpointStore.class);
    private final Supplier<Properties> clientProperties;
    private final Supplier<String> topicName;
    private String topic;
    private final ObjectMapper json;
    private Map<String, Instant> checkpoints;
    private Map<String, BackfillCheckpoint> backfills;
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

    @Override
    public synchronized Optional<BackfillCheckpoint> backfill(String checkpointName) {
        loaded();
        return Optional.ofNullable(backfills.get(checkpointName));
    }

    /** The record that moves a checkpoint, to be written in the transaction of the window it follows. */
    public synchronized ProducerRecord<String, byte[]> record(Checkpoint checkpoint) {
        return record(checkpoint.sourceName(), checkpoint.toMap());
    }

    /** The record that adds a window to a backfill's checkpoint, to be written in that window's transaction. */
    public synchronized ProducerRecord<String, byte[]> record(BackfillCheckpoint checkpoint) {
        return record(checkpoint.name(), checkpoint.toMap());
    }

    private ProducerRecord<String, byte[]> record(String key, Map<String, ?> value) {
        try {
            loaded();
            return new ProducerRecord<>(topic, key, json.writeValueAsBytes(value));
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
    public synchronized ProducerRecord<String, byte[]> record(ItemGap gap) {
        return record(gap.key(), gap.toMap());
    }

    /** The tombstone that closes a gap, to be written in the transaction of the window that collected its item. */
    public synchronized ProducerRecord<String, byte[]> closing(ItemGap gap) {
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

    /** Notes a backfill checkpoint whose record the broker committed. */
    public synchronized void committed(BackfillCheckpoint checkpoint) {
        loaded();
        backfills.put(checkpoint.name(), checkpoint);
    }

    /**
     * Reads the checkpoints and open gaps of these sources again, as committed by whoever wrote them last: a replica
     * that takes a partition over does so after fencing its former owner, whose last commits are then final.
     */
    public synchronized void reload(Set<String> sourceNames) {
        if (checkpoints == null || sourceNames.isEmpty()) {
            loaded();
            return;
        }
        CheckpointRecordReader reader = readAll();
        sourceNames.forEach(source -> {
            Instant read = reader.sources().get(source);
            if (read == null) {
                checkpoints.remove(source);
            } else {
                checkpoints.put(source, read);
            }
        });
        gaps.values().removeIf(gap -> sourceNames.contains(gap.sourceName()));
        reader.gaps().forEach((key, gap) -> {
            if (sourceNames.contains(gap.sourceName())) {
                gaps.put(key, gap);
            }
        });
        LOG.info("Read the checkpoints of {} again: {}", sourceNames,
                sourceNames.stream().filter(checkpoints::containsKey).collect(
                        Collectors.toMap(name -> name, checkpoints::get)));
    }

    /** The checkpoint topic (read from the configuration when the checkpoints are first loaded). */
    public synchronized String topic() {
        loaded();
        return topic;
    }

    private Map<String, Instant> loaded() {
        if (checkpoints == null) {
            topic = topicName.get();
            createTopicIfMissing();
            CheckpointRecordReader reader = readAll();
            checkpoints = reader.sources();
            backfills = reader.backfills();
            gaps.putAll(reader.gaps());
            LOG.info("Loaded {} checkpoint(s) from {}: {}; {} backfill checkpoint(s) and {} open item gap(s)",
                    checkpoints.size(), topic, checkpoints, backfills.size(), gaps.size());
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

    private CheckpointRecordReader readAll() {
        Properties properties = clientProperties.get();
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        CheckpointRecordReader reader = new CheckpointRecordReader(json);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    reader.read(record.key(), record.value(),
                            record.topic() + "-" + record.partition() + "@" + record.offset());
                }
            }
        }
        return reader;
    }
}
