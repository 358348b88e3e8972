package io.mediausage.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.testing.kafka.KafkaBrokerExtension;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request counts read off a real broker in this JVM, around transactions of known shape. */
class BrokerRequestsTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();

    @Test
    void countsEachCommittedTransactionAndTheBatchesItSent() throws Exception {
        KAFKA.broker().createTopic("bench-requests-a", 1, false);
        KAFKA.broker().createTopic("bench-requests-b", 1, false);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-requests");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            BrokerRequests before = BrokerRequests.read();
            for (int transaction = 0; transaction < 3; transaction++) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("bench-requests-a", "key", "value"));
                producer.flush(); // a request for the first topic's batch, then one for the second's
                producer.send(new ProducerRecord<>("bench-requests-b", "key", "value"));
                producer.commitTransaction();
            }
            BrokerRequests made = BrokerRequests.read().since(before);

            assertThat(made.transactions()).isEqualTo(3);
            assertThat(made.produceRequests()).isEqualTo(6);
        }
    }
}
