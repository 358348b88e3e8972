package io.mediausage.collector.api.huawei;

import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.api.SigningProcessor;
import io.mediausage.collector.signing.HuaweiAkSkSigner;
import io.mediausage.collector.signing.HuaweiRequest;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Turns a {@link HuaweiApiCall} into an SDK-HMAC-SHA256 signed request. The query string is sent exactly as it was
 * signed, so the HTTP client must not re-encode it.
 */
public final class HuaweiSigningProcessor extends SigningProcessor<HuaweiApiCall> {

    private final HuaweiAkSkSigner signer = new HuaweiAkSkSigner();

    public HuaweiSigningProcessor(Clock clock) {
        super(HuaweiApiCall.class, clock);
    }

    @Override
    protected String sign(HuaweiApiCall call, Message message, Instant now) {
        HuaweiRequest request = call.request();
        signer.sign(request, call.source().credentials(), now).forEach(message::setHeader);
        // camel-http's own type: a String is converted at every call, by a slow lookup of the type converters
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        message.setHeader(Exchange.HTTP_RAW_QUERY, HuaweiAkSkSigner.canonicalQueryString(request.queryParameters()));
        message.setBody(request.body().isEmpty() ? null : request.body());
        return call.source().baseUrl() + HuaweiAkSkSigner.encodedPath(request.path());
    }
}
