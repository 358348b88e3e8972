package io.mediausage.collector.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediausage.collector.api.CloudApiException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    private final WindowDeadline deadline = new WindowDeadline(clock);
    private final RetryPolicy policy = new RetryPolicy(3, deadline);

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
    void should_make_no_attempt_past_the_window_deadline() throws Exception {
        Exchange exchange = failedWith(cloud("InternalError", true), 1);
        deadline.start(Duration.ofMinutes(10)).process(exchange);
        assertThat(policy.matches(exchange)).isTrue();
        clock.advance(Duration.ofMinutes(11));
        assertThat(policy.matches(exchange)).isFalse();
    }

    @Test
    void should_fail_an_attempt_that_would_start_past_the_window_deadline() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        deadline.check().process(exchange); // outside a window: no deadline
        deadline.start(Duration.ofMinutes(10)).process(exchange);
        deadline.check().process(exchange);
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> deadline.check().process(exchange))
                .isInstanceOf(WindowDeadline.WindowDeadlineExceededException.class)
                .hasMessageContaining("usage.window.deadline");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void should_stop_after_the_last_attempt() {
        assertThat(policy.matches(failedWith(cloud("InternalError", true), 2))).isTrue();
        assertThat(policy.matches(failedWith(cloud("InternalError", true), 3))).isFalse();
    }
}
