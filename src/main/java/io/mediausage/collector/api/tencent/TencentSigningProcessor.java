package io.mediausage.collector.api.tencent;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.signing.Tc3Signer;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Turns a {@link TencentApiCall} into a TC3-HMAC-SHA256 signed JSON POST to the source's endpoint. */
public final class TencentSigningProcessor implements Processor {

    private final Clock clock;

    public TencentSigningProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        TencentApiCall call = exchange.getProperty(UsageExchange.API_CALL, TencentApiCall.class);
        // a clean request each attempt, keeping the redelivery count the retry policy reads
        message.removeHeaders("*", "CamelRedelivery*");
        new Tc3Signer(call.service()).sign(call.request(), call.source().credentials(), clock.instant())
                .forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, Tc3Signer.CONTENT_TYPE);
        exchange.setProperty(UsageExchange.API_URL, call.source().baseUrl() + "/");
        message.setBody(call.request().payload());
    }
}
