package io.mediausage.collector.demo;

import io.mediausage.collector.cli.DemoEnvironment;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.testing.ExampleResources;
import io.mediausage.collector.testing.kafka.EmbeddedKafkaBroker;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The demo's stand-ins: a real KRaft broker in process and the API simulator, both on loopback. The demo
 * credentials are made up; the simulator accepts them for every cloud.
 */
public final class LocalDemoEnvironment implements DemoEnvironment {

    static final String DEMO_ACCESS_KEY_ID = "AKIDDEMO0000000000000000000000DEMO";
    static final String DEMO_SECRET_KEY = "demo-secret-key-not-a-real-one";
    private static final Pattern ACCESS_KEY_ID_NAME = Pattern.compile("(?i).*(_ID|_AK)$");
    private static final Pattern SECRET_KEY_NAME = Pattern.compile("(?i).*(_KEY|_SK)$");

    private final EmbeddedKafkaBroker broker;
    private final CloudApiSimulator simulator;

    public LocalDemoEnvironment() {
        broker = EmbeddedKafkaBroker.start();
        simulator = CloudApiSimulator.start(ExampleResources.simulator(DEMO_ACCESS_KEY_ID, DEMO_SECRET_KEY,
                DEMO_ACCESS_KEY_ID, DEMO_SECRET_KEY)
                .build());
    }

    @Override
    public String simulatorUrl() {
        return simulator.baseUrl().toString();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public Map<String, String> overrides() {
        return Map.of("camel.component.kafka.brokers", broker.bootstrapServers());
    }

    /** Whatever variable a source names, the demo answers with the one demo key pair. */
    @Override
    public CredentialsResolver credentials() {
        return name -> {
            if (ACCESS_KEY_ID_NAME.matcher(name).matches()) {
                return Optional.of(DEMO_ACCESS_KEY_ID);
            }
            return SECRET_KEY_NAME.matcher(name).matches() ? Optional.of(DEMO_SECRET_KEY) : Optional.empty();
        };
    }

    @Override
    public void close() {
        simulator.close();
        broker.close();
    }
}
