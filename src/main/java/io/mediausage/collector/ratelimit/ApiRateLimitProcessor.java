package io.mediausage.collector.ratelimit;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Waits for the call's (credentials, action) limiter before the call goes out. */
public final class ApiRateLimitProcessor implements Processor {

    private final ApiRateLimiters limiters;

    public ApiRateLimitProcessor(ApiRateLimiters limiters) {
        this.limiters = limiters;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        limiters.acquire(call.source().credentials().accessKeyId(), call.origin().apiAction(), call.source().rateLimit());
    }
}
