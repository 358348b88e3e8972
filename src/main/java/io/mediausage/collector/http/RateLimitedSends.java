package io.mediausage.collector.http;

import io.mediausage.collector.ratelimit.ApiRateLimiters;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * Holds a request, on its open connection, until it is spaced at the rate from the previous request under its
 * rate limit ({@link ApiRateLimiters#awaitSend()}). Placed just before the client writes the request, so whatever held
 * the call up after its permit (loading classes, building the client, connecting) is behind it.
 */
public final class RateLimitedSends implements ExecChainHandler {

    private final ApiRateLimiters limiters;

    public RateLimitedSends(ApiRateLimiters limiters) {
        this.limiters = limiters;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        try {
            limiters.awaitSend();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send to " + request.getAuthority());
        }
        return chain.proceed(request, scope);
    }
}
