package io.mediausage.collector.api;

import io.mediausage.collector.exchange.UsageExchange;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Signs the current attempt of a call of one cloud protocol: the call route runs the {@code <protocol>Signing} bean
 * of the call's protocol before the HTTP request of every attempt, retries included.
 *
 * @param <C> the calls of the protocol
 */
public abstract class SigningProcessor<C extends ApiCall> implements Processor {

    private final Class<C> calls;
    private final Clock clock;

    /** @param clock the wall clock: a signature carries the time the cloud checks */
    protected SigningProcessor(Class<C> calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public final void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        C call = exchange.getProperty(UsageExchange.API_CALL, calls);
        // a clean request each attempt, keeping the redelivery count the retry policy reads
        message.removeHeaders("*", "CamelRedelivery*");
        exchange.setProperty(UsageExchange.API_URL, sign(call, message, clock.instant()));
    }

    /** Puts the signed request (headers, method, body) on the message and returns the URL to send it to. */
    protected abstract String sign(C call, Message message, Instant now) throws Exception;
}
