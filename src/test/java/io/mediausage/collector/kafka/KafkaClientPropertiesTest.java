package io.mediausage.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private static CamelContext context(KafkaConfiguration configuration) {
        CamelContext context = new DefaultCamelContext();
        KafkaComponent kafka = new KafkaComponent(context);
        kafka.setConfiguration(configuration);
        context.addComponent("kafka", kafka);
        return context;
    }

    private static KafkaConfiguration batching() {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers("broker:9092");
        configuration.setLingerMs(5);
        configuration.setProducerBatchSize(131072);
        configuration.setCompressionCodec("lz4");
        return configuration;
    }

    @Test
    void should_give_a_producer_the_component_batching_and_compression() {
        Properties producer = KafkaClientProperties.producer(context(batching()));

        assertThat(producer).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "131072")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void should_let_an_additional_property_override_the_component_setting() {
        KafkaConfiguration configuration = batching();
        configuration.setAdditionalProperties(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip"));

        assertThat(KafkaClientProperties.producer(context(configuration)))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
    }

    @Test
    void should_keep_producer_settings_out_of_the_other_clients_settings() {
        // consumers and admin clients log every setting they do not know
        Properties client = KafkaClientProperties.of(context(batching()));

        assertThat(client).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .doesNotContainKeys(ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG);
    }
}
