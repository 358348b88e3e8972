package io.mediausage.collector.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Puts {@link AnswerLimits} in front of every HTTP client camel-http builds
 * ({@code camel.component.http.http-client-configurer}), with {@code usage.http.call-deadline} and
 * {@code usage.http.max-answer-bytes}, read when the first client is built.
 */
public final class AnswerLimitsConfigurer implements HttpClientConfigurer {

    private final UnaryOperator<String> properties;
    private AnswerLimits limits;

    /** @param properties resolves a property placeholder such as {@code {{usage.http.call-deadline}}} */
    public AnswerLimitsConfigurer(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    @Override
    public synchronized void configureHttpClient(HttpClientBuilder clientBuilder) {
        if (limits == null) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "usage-call-deadlines");
                thread.setDaemon(true);
                return thread;
            });
            limits = new AnswerLimits(Duration.parse(properties.apply("{{usage.http.call-deadline}}")),
                    Long.parseLong(properties.apply("{{usage.http.max-answer-bytes}}")), timer);
        }
        clientBuilder.addExecInterceptorFirst("usage-answer-limits", limits);
    }
}
