package io.mediausage.collector.kafka;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
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
        KafkaConfiguration configuration = context.getComponent("kafka", KafkaComponent.class).getConfiguration();
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, configuration.getBrokers());
        putIfSet(properties, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, configuration.getSecurityProtocol());
        putIfSet(properties, SaslConfigs.SASL_MECHANISM, configuration.getSaslMechanism());
        putIfSet(properties, SaslConfigs.SASL_JAAS_CONFIG, configuration.getSaslJaasConfig());
        putIfSet(properties, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, configuration.getSslTruststoreLocation());
        putIfSet(properties, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, configuration.getSslTruststorePassword());
        putIfSet(properties, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, configuration.getSslKeystoreLocation());
        putIfSet(properties, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, configuration.getSslKeystorePassword());
        if (configuration.getAdditionalProperties() != null) {
            properties.putAll(configuration.getAdditionalProperties());
        }
        return properties;
    }

    private static void putIfSet(Properties properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }
}
