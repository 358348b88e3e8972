package io.mediausage.collector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApiRateLimitersTest {

    private final ApiRateLimiters limiters = new ApiRateLimiters();

    @Test
    void should_allow_one_request_at_a_time_never_a_burst() {
        assertThat(limiters.bucket("AKID1", "DescribeMediaPlayStatDetails", 20).tryConsume(1)).isTrue();
        assertThat(limiters.bucket("AKID1", "DescribeMediaPlayStatDetails", 20).tryConsume(1)).isFalse();
    }

    @Test
    void should_share_one_limit_per_credentials_and_action() {
        assertThat(limiters.bucket("AKID1", "DescribeTrtcUsage", 5))
                .isSameAs(limiters.bucket("AKID1", "DescribeTrtcUsage", 5))
                .isNotSameAs(limiters.bucket("AKID2", "DescribeTrtcUsage", 5))
                .isNotSameAs(limiters.bucket("AKID1", "DescribeUsageData", 5));
    }

    @Test
    void should_space_requests_at_the_rate() throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            limiters.acquire("AKID3", "DescribeTrtcUsage", 50);
        }
        // six requests at 50/s: the first at once, the other five 20 ms apart
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(95);
    }

    @Test
    void should_not_release_a_burst_after_the_callers_were_held_up() throws Exception {
        limiters.acquire("AKID4", "DescribeMediaPlayStatDetails", 20);
        Thread.sleep(500); // ten slots go by unused, as during a pause

        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            limiters.acquire("AKID4", "DescribeMediaPlayStatDetails", 20);
        }
        // one permit was waiting; the next three still come 50 ms apart
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(145);
    }

    @Test
    void should_give_permits_in_the_order_they_were_asked_for() throws Exception {
        // a source starts its windows' calls oldest first and publishes the windows in that order: a call that asked
        // later must not take the permit of one that waits before it (they all wake at the same refill)
        limiters.acquire("AKID6", "ListTranscodeData", 20);
        Queue<Integer> permitted = new ConcurrentLinkedQueue<>();
        ExecutorService calls = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int call = i;
                asked.add(calls.submit(() -> {
                    limiters.acquire("AKID6", "ListTranscodeData", 20);
                    permitted.add(call);
                    return null;
                }));
                Thread.sleep(5);
            }
            for (Future<?> call : asked) {
                call.get(10, TimeUnit.SECONDS);
            }
            assertThat(permitted).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        } finally {
            calls.shutdownNow();
        }
    }

    @Test
    void should_space_the_sends_of_calls_held_up_between_permit_and_send() throws Exception {
        // six calls at 4/s take their permits 250 ms apart, and are all held up until 1.6 s after the first one's
        // (the first call of a fresh JVM builds its HTTP client meanwhile): they still go out 250 ms apart
        CountDownLatch stallOver = new CountDownLatch(1);
        ExecutorService calls = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> sends = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sends.add(calls.submit(() -> {
                    limiters.acquire("AKID5", "DescribeTrtcUsage", 4);
                    stallOver.await();
                    limiters.awaitSend();
                    return System.nanoTime();
                }));
            }
            Thread.sleep(1600);
            long stallEnd = System.nanoTime();
            stallOver.countDown();
            List<Long> sent = new ArrayList<>();
            for (Future<Long> send : sends) {
                sent.add(send.get(10, TimeUnit.SECONDS));
            }
            RequestSpacing.assertSpacedAfter(stallEnd, sent, 250);
        } finally {
            calls.shutdownNow();
        }
    }
}
