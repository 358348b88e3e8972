package io.mediausage.collector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallOrderTest {

    private final CallOrder order = new CallOrder();

    @Test
    void should_let_turns_pass_in_the_order_they_were_given_whatever_order_their_threads_come_in() throws Exception {
        List<CallOrder.Turn> turns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            turns.add(order.next());
        }
        List<Integer> passed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 5; i >= 0; i--) { // the last turn's thread comes first
                int call = i;
                calls.add(threads.submit(() -> {
                    turns.get(call).await();
                    passed.add(call);
                    turns.get(call).pass();
                    return null;
                }));
                Thread.sleep(5);
            }
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(passed).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void should_not_hold_up_the_next_call_for_one_that_ended_without_its_turn() throws Exception {
        CallOrder.Turn cancelled = order.next();
        CallOrder.Turn next = order.next();

        cancelled.pass(); // its call failed before it asked for a permit, or was cancelled

        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(() -> {
                next.await();
                return null;
            }).get(10, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void should_let_the_first_turn_and_a_retry_go_at_once() throws Exception {
        CallOrder.Turn first = order.next();
        first.await();
        first.pass();
        first.await(); // a retry waits for no one
        first.pass();
        order.next().await();
    }
}
