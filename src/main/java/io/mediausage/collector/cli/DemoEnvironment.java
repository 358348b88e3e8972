package io.mediausage.collector.cli;

import io.mediausage.collector.source.CredentialsResolver;
import java.util.Map;

/**
 * A local stand-in for the clouds and Kafka that the {@code demo} command runs against. It is found with
 * {@link java.util.ServiceLoader} and lives outside the production jar.
 */
public interface DemoEnvironment extends AutoCloseable {

    String simulatorUrl();

    String bootstrapServers();

    /** Properties that point every source's API and the Kafka component at the local stand-ins. */
    Map<String, String> overrides();

    /** Credentials the simulator accepts, for the variable names the sources refer to. */
    CredentialsResolver credentials();

    @Override
    void close() throws Exception;
}
