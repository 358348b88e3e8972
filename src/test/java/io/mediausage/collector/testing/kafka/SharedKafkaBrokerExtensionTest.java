package io.mediausage.collector.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SharedKafkaBrokerExtensionTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @Test
    void injectedBrokerIsTheSharedRunningOne(EmbeddedKafkaBroker injected) {
        assertThat(injected.isRunning()).isTrue();
        assertThat(injected).isSameAs(KAFKA.broker());
        assertThat(injected.bootstrapServers()).isEqualTo(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void autoCreatedTopicCanBeWrittenAndRead() throws Exception {
        String topic = "auto-created";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readAll(KAFKA.bootstrapServers(), topic, Duration.ofSeconds(30));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("k");
            assertThat(r.value()).isEqualTo("v");
        });
    }
}
