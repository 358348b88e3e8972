package io.mediausage.collector.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.CloudApiException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3);

    /** {@code attempts}: the failed attempts so far, as Camel has counted them when it asks. */
    private Exchange failedWith(Exception failure, int attempts) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(failure);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, attempts);
        return exchange;
    }

    private static CloudApiException cloud(String code, boolean retriable) {
        return new CloudApiException("DescribeUsageData", code, "m", "req-1", retriable);
    }

    @Test
    void should_retry_throttling_server_errors_and_network_faults() {
        assertThat(policy.matches(failedWith(cloud("RequestLimitExceeded", true), 1))).isTrue();
        assertThat(policy.matches(failedWith(cloud("InternalError", true), 1))).isTrue();
        assertThat(policy.matches(failedWith(new RuntimeException(new SocketTimeoutException("read")), 1))).isTrue();
    }

    @Test
    void should_not_retry_what_needs_a_person() {
        assertThat(policy.matches(failedWith(cloud("AuthFailure.SignatureFailure", false), 0))).isFalse();
        assertThat(policy.matches(failedWith(cloud("InvalidParameterValue", false), 0))).isFalse();
        assertThat(policy.matches(failedWith(new IllegalStateException("bug"), 0))).isFalse();
    }

    @Test
    void should_stop_after_the_last_attempt() {
        assertThat(policy.matches(failedWith(cloud("InternalError", true), 2))).isTrue();
        assertThat(policy.matches(failedWith(cloud("InternalError", true), 3))).isFalse();
    }
}
