package io.mediausage.collector.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Bounds one HTTP exchange with a cloud API as a whole, where the client's own timeouts bound only each wait: an
 * answer that trickles in a byte at a time never trips a socket timeout, and a huge answer fills the heap. Placed
 * first in the client's execution chain, it reads the whole answer under the deadline and the size cap; past
 * either, it drops the connection and fails the attempt with an {@link IOException}, which the collector's retry
 * policy treats as a transient fault (another replica of the cloud may answer properly).
 *
 * @param deadline       how long one attempt may take, from sending the request to the answer's last byte
 * @param maxAnswerBytes the largest answer body read
 * @param timer          where the deadlines wait
 */
public record AnswerLimits(Duration deadline, long maxAnswerBytes, ScheduledExecutorService timer)
        implements ExecChainHandler {

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            expired.set(true);
            scope.execRuntime.discardEndpoint(); // the blocked read fails at once
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                try {
                    response.setEntity(new ByteArrayEntity(read(entity), contentType(entity)));
                } catch (AnswerTooLargeException e) {
                    scope.execRuntime.discardEndpoint(); // the rest of the answer is not worth reading
                    throw e;
                }
            }
            if (expired.get()) {
                throw deadlineExceeded(request);
            }
            return response;
        } catch (IOException e) {
            if (expired.get()) {
                throw deadlineExceeded(request);
            }
            throw e;
        } finally {
            expiry.cancel(false);
        }
    }

    private IOException deadlineExceeded(ClassicHttpRequest request) {
        return new CallDeadlineExceededException("no complete answer from " + request.getAuthority() + " within "
                + deadline + " (usage.http.call-deadline)");
    }

    private byte[] read(HttpEntity entity) throws IOException {
        long declared = entity.getContentLength();
        if (declared > maxAnswerBytes) {
            throw tooLarge(declared + " bytes declared");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        try (InputStream in = entity.getContent()) {
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxAnswerBytes) {
                    throw tooLarge("more than " + maxAnswerBytes + " bytes read");
                }
                body.write(buffer, 0, n);
            }
        }
        return body.toByteArray();
    }

    private IOException tooLarge(String what) {
        return new AnswerTooLargeException("answer too large: " + what + ", the limit is " + maxAnswerBytes
                + " bytes (usage.http.max-answer-bytes)");
    }

    private static ContentType contentType(HttpEntity entity) {
        return entity.getContentType() == null ? null : ContentType.parseLenient(entity.getContentType());
    }

    /** An attempt that did not get its whole answer in time. */
    public static final class CallDeadlineExceededException extends IOException {
        CallDeadlineExceededException(String message) {
            super(message);
        }
    }

    /** An answer larger than the configured cap. */
    public static final class AnswerTooLargeException extends IOException {
        AnswerTooLargeException(String message) {
            super(message);
        }
    }
}
