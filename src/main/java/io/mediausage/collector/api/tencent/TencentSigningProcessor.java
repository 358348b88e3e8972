package io.mediausage.collector.api.tencent;

import io.mediausage.collector.api.SigningProcessor;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.signing.Tc3Signer;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/** Turns a {@link TencentApiCall} into a TC3-HMAC-SHA256 signed JSON POST to the source's endpoint. */
public final class TencentSigningProcessor extends SigningProcessor<TencentApiCall> {

    public TencentSigningProcessor(Clock clock) {
        super(TencentApiCall.class, clock);
    }

    @Override
    protected String sign(TencentApiCall call, Message message, Instant now) {
        new Tc3Signer(call.service()).sign(call.request(), call.source().credentials(), now)
                .forEach(message::setHeader);
        // camel-http's own type: a String is converted at every call, by a slow lookup of the type converters
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        message.setHeader(Exchange.CONTENT_TYPE, Tc3Signer.CONTENT_TYPE);
        message.setBody(call.request().payload());
        return call.source().baseUrl() + "/";
    }
}
