package io.mediausage.collector.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The yardstick of the publish path: a bare transactional {@link KafkaProducer}, default settings plus
 * {@code acks=all} and idempotence as the collector's, sending the very records the collector published (same keys,
 * values and headers, so the same sizes) in as many transactions as the collector committed (the broker's count);
 * and, for reference, the same with the collector's own batching settings.
 */
final class BareTransactionalPublisher {

    private BareTransactionalPublisher() {
    }

    /** What the bare producer did and how long it took, from its first send to its last commit. */
    record Result(int records, int transactions, Duration time) {

        double eventsPerSecond() {
            return records / (time.toNanos() / 1e9);
        }
    }

    /** @param settings producer settings on top of Kafka's defaults (none for the yardstick itself) */
    static Result replay(String bootstrapServers, String topic, List<ConsumerRecord<String, String>> records,
            int transactions, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-bare-transactional-producer-" + topic);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        int perTransaction = Math.max(1, (records.size() + transactions - 1) / Math.max(1, transactions));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.initTransactions();
            long start = System.nanoTime();
            int committed = 0;
            for (int first = 0; first < records.size(); first += perTransaction) {
                producer.beginTransaction();
                for (ConsumerRecord<String, String> record : records.subList(first,
                        Math.min(records.size(), first + perTransaction))) {
                    producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
                }
                producer.commitTransaction();
                committed++;
            }
            return new Result(records.size(), committed, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
