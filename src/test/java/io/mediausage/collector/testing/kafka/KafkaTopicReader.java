package io.mediausage.collector.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic back (read_committed, from the beginning up to the end offsets at call time).
 *
 * <p>Uses manual partition assignment (no consumer group, no committed offsets), so it never
 * disturbs the consumers under test. Records come back ordered by partition, then offset. With
 * read_committed the end offset of a partition is its last stable offset: records of transactions
 * still open at call time are not waited for, aborted records are never returned.
 */
public final class KafkaTopicReader {

    private KafkaTopicReader() {
    }

    /**
     * @throws IllegalStateException if the topic does not exist, or not every partition could be
     *     read up to its end offset within {@code timeout}
     */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-reader-" + topic);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, remaining(deadline)));

            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (!reachedEnd(consumer, end, deadline)) {
                if (System.nanoTime() >= deadline) {
                    throw new IllegalStateException("reading " + topic + " timed out after " + timeout
                            + ": got " + records.size() + " records, end offsets " + end
                            + ", positions " + positions(consumer, end));
                }
                consumer.poll(Duration.ofMillis(Math.min(200, Math.max(1, remaining(deadline).toMillis()))))
                        .forEach(records::add);
            }
            records.removeIf(r -> r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())));
            records.sort(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end, long deadline) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            try {
                Duration wait = remaining(deadline);
                if (consumer.position(e.getKey(), wait.isZero() ? Duration.ofMillis(100) : wait) < e.getValue()) {
                    return false;
                }
            } catch (TimeoutException ex) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> positions(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : end.keySet()) {
            try {
                positions.put(tp, consumer.position(tp, Duration.ofSeconds(1)));
            } catch (TimeoutException ex) {
                positions.put(tp, -1L);
            }
        }
        return positions;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
