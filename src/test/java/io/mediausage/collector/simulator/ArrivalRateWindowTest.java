package io.mediausage.collector.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulator's rate limit counts requests by their arrival, as a cloud's gateway does. */
class ArrivalRateWindowTest {

    static final long MS = 1_000_000L;

    @Test
    void admits_the_limit_in_a_second_and_refuses_one_more() {
        ArrivalRateWindow window = new ArrivalRateWindow();
        assertThat(window.admit(0, 2)).isTrue();
        assertThat(window.admit(400 * MS, 2)).isTrue();
        assertThat(window.admit(999 * MS, 2)).isFalse();
        assertThat(window.admit(1_000 * MS, 2)).as("the first arrival's second is over").isTrue();
    }

    @Test
    void requests_that_arrived_apart_are_admitted_however_late_they_are_handled() {
        ArrivalRateWindow window = new ArrivalRateWindow();
        // arrived 600 ms and 500 ms apart, all three handled at once, in any order: no second saw more than 2
        assertThat(window.admit(600 * MS, 2)).isTrue();
        assertThat(window.admit(1_100 * MS, 2)).isTrue();
        assertThat(window.admit(0, 2)).isTrue();
    }

    @Test
    void a_request_handled_after_a_later_one_counts_in_the_second_it_shares_with_it() {
        ArrivalRateWindow window = new ArrivalRateWindow();
        assertThat(window.admit(500 * MS, 2)).isTrue();
        assertThat(window.admit(900 * MS, 2)).isTrue();
        assertThat(window.admit(700 * MS, 2)).as("700 ms shares a second with 500 and 900 ms").isFalse();
        assertThat(window.admit(1_600 * MS, 2)).as("only 900 ms is less than a second before").isTrue();
    }

    @Test
    void requests_sent_at_the_limit_are_all_admitted_in_whatever_order_they_are_handled() {
        ArrivalRateWindow window = new ArrivalRateWindow();
        for (int i = 40; i >= 0; i--) { // 20 a second, 50 ms apart, over two seconds, handled last first
            assertThat(window.admit(i * 50 * MS, 20)).as("arrival %d", i).isTrue();
        }
        assertThat(window.admit(1_025 * MS, 20)).as("a 21st in the second from 50 ms").isFalse();
    }
}
