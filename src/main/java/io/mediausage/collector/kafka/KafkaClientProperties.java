package io.mediausage.collector.kafka;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Connection settings for the collector's own Kafka clients (checkpoints), taken from the Camel Kafka component
 * so that brokers and security are configured once, as {@code camel.component.kafka.*}.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    public static Properties of(CamelContext context) {
        KafkaConfiguration configuration = configuration(context);
        Properties properties = connection(configuration);
        putAdditional(properties, configuration);
        return properties;
    }

    /**
     * The settings of a producer: the connection's, plus how it batches and compresses records, taken from the same
     * {@code camel.component.kafka.*} keys as Camel's own Kafka producers ({@code linger-ms},
     * {@code producer-batch-size}, {@code compression-codec}; their reasons are in application.properties).
     */
    public static Properties producer(CamelContext context) {
        KafkaConfiguration configuration = configuration(context);
        Properties properties = connection(configuration);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(configuration.getLingerMs()));
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(configuration.getProducerBatchSize()));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, configuration.getCompressionCodec());
        putAdditional(properties, configuration);
        return properties;
    }

    private static KafkaConfiguration configuration(CamelContext context) {
        return context.getComponent("kafka", KafkaComponent.class).getConfiguration();
    }

    private static Properties connection(KafkaConfiguration configuration) {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, configuration.getBrokers());
        putIfSet(properties, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, configuration.getSecurityProtocol());
        putIfSet(properties, SaslConfigs.SASL_MECHANISM, configuration.getSaslMechanism());
        putIfSet(properties, SaslConfigs.SASL_JAAS_CONFIG, configuration.getSaslJaasConfig());
        putIfSet(properties, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, configuration.getSslTruststoreLocation());
        putIfSet(properties, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, configuration.getSslTruststorePassword());
        putIfSet(properties, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, configuration.getSslKeystoreLocation());
        putIfSet(properties, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, configuration.getSslKeystorePassword());
        return properties;
    }

    /** Last, so that what is set as an additional property wins. */
    private static void putAdditional(Properties properties, KafkaConfiguration configuration) {
        if (configuration.getAdditionalProperties() != null) {
            properties.putAll(configuration.getAdditionalProperties());
        }
    }

    private static void putIfSet(Properties properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }
}
