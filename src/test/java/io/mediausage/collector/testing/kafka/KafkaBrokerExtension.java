package io.mediausage.collector.testing.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that provides a real Kafka broker ({@link EmbeddedKafkaBroker}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.perClass();   // or .shared()
 *
 * @Test void x() { String bootstrap = KAFKA.bootstrapServers(); ... }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #perClass()}: a broker of its own for the test class, started before all its tests
 *       and closed (data deleted) after them. Use this for tests that {@code stop()} the broker.</li>
 *   <li>{@link #shared()}: one broker for the whole JVM (test run), started by the first class that
 *       needs it and closed when the run ends. A class that finds it stopped restarts it.</li>
 * </ul>
 * Register it on a {@code static} field: {@code beforeAll} is what starts the broker. Test and
 * lifecycle methods may also take an {@link EmbeddedKafkaBroker} parameter.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static final String SHARED_KEY = "shared-broker";

    private final boolean shared;
    private volatile EmbeddedKafkaBroker broker;

    private KafkaBrokerExtension(boolean shared) {
        this.shared = shared;
    }

    /** A broker for this test class only. */
    public static KafkaBrokerExtension perClass() {
        return new KafkaBrokerExtension(false);
    }

    /** One broker shared by every test class in this JVM that registers {@code shared()}. */
    public static KafkaBrokerExtension shared() {
        return new KafkaBrokerExtension(true);
    }

    /** {@code "127.0.0.1:<port>"} of the broker; only valid once the class's tests started. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    public EmbeddedKafkaBroker broker() {
        EmbeddedKafkaBroker b = broker;
        if (b == null) {
            throw new IllegalStateException("Kafka broker not started: register KafkaBrokerExtension on a static field");
        }
        return b;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (shared) {
            EmbeddedKafkaBroker b = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SHARED_KEY, k -> EmbeddedKafkaBroker.start(), EmbeddedKafkaBroker.class);
            // EmbeddedKafkaBroker is AutoCloseable: the root store closes it when the run ends
            if (!b.isRunning()) {
                b.restart();
            }
            broker = b;
        } else {
            broker = EmbeddedKafkaBroker.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared && broker != null) {
            try {
                broker.close();
            } finally {
                broker = null;
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker();
    }
}
