package io.mediausage.collector.api.huawei;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.signing.HuaweiAkSkSigner;
import io.mediausage.collector.signing.HuaweiRequest;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a {@link HuaweiApiCall} into an SDK-HMAC-SHA256 signed request. The query string is sent exactly as it was
 * signed, so the HTTP client must not re-encode it.
 */
public final class HuaweiSigningProcessor implements Processor {

    private final HuaweiAkSkSigner signer = new HuaweiAkSkSigner();
    private final Clock clock;

    public HuaweiSigningProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        HuaweiApiCall call = exchange.getProperty(UsageExchange.API_CALL, HuaweiApiCall.class);
        HuaweiRequest request = call.request();
        // a clean request each attempt, keeping the redelivery count the retry policy reads
        message.removeHeaders("*", "CamelRedelivery*");
        signer.sign(request, call.source().credentials(), clock.instant()).forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.HTTP_RAW_QUERY, HuaweiAkSkSigner.canonicalQueryString(request.queryParameters()));
        exchange.setProperty(UsageExchange.API_URL, call.source().baseUrl() + HuaweiAkSkSigner.encodedPath(request.path()));
        message.setBody(request.body().isEmpty() ? null : request.body());
    }
}
