package io.mediausage.collector.ratelimit;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Waits for the call's (credentials, action) limiter before the call goes out; a window runner's call first waits for
 * the calls of its source started before it to take theirs ({@link CallOrder}).
 */
public final class ApiRateLimitProcessor implements Processor {

    private final ApiRateLimiters limiters;

    public ApiRateLimitProcessor(ApiRateLimiters limiters) {
        this.limiters = limiters;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        CallOrder.Turn turn = exchange.getProperty(UsageExchange.CALL_TURN, CallOrder.Turn.class);
        if (turn == null) {
            acquire(call);
            return;
        }
        turn.await(); // a retry's turn has passed: it waits for nobody
        try {
            acquire(call);
        } finally {
            turn.pass();
        }
    }

    private void acquire(ApiCall call) throws InterruptedException {
        limiters.acquire(call.source().credentials().accessKeyId(), call.origin().apiAction(), call.source().rateLimit());
    }
}
