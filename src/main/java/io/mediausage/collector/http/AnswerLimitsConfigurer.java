package io.mediausage.collector.http;

import io.mediausage.collector.ratelimit.ApiRateLimiters;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Puts {@link AnswerLimits} in front of every HTTP client camel-http builds
 * ({@code camel.component.http.http-client-configurer}), with {@code usage.http.call-deadline} and
 * {@code usage.http.max-answer-bytes}, read when the first client is built; and {@link RateLimitedSends} just
 * before each request is written.
 */
public final class AnswerLimitsConfigurer implements HttpClientConfigurer {

    private final UnaryOperator<String> properties;
    private final RateLimitedSends sends;
    private AnswerLimits limits;

    /**
     * @param properties resolves a property placeholder such as {@code {{usage.http.call-deadline}}}
     * @param limiters   the limiters whose permits the call route takes
     */
    public AnswerLimitsConfigurer(UnaryOperator<String> properties, ApiRateLimiters limiters) {
        this.properties = properties;
        this.sends = new RateLimitedSends(limiters);
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
        // after the connection is open, so neither connecting nor anything before it can bunch requests up
        clientBuilder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "usage-rate-limited-sends", sends);
    }
}
