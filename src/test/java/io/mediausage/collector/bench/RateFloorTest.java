package io.mediausage.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateFloorTest {

    @Test
    void one_credential_takes_its_calls_at_its_rate_plus_one_round_trip() {
        RateFloor floor = RateFloor.of(Map.of("AKID1", 168L), 15, Duration.ofMillis(300));

        assertThat(floor.duration()).isEqualTo(Duration.ofMillis(11_500));
        assertThat(floor.ratio(Duration.ofMillis(12_650))).isCloseTo(1.10, within(1e-9));
    }

    @Test
    void credentials_are_limited_side_by_side_so_the_busiest_sets_the_floor() {
        RateFloor floor = RateFloor.of(Map.of("AKID1", 168L, "AKID2", 40L, "AKID3", 167L), 15, Duration.ZERO);

        assertThat(floor.busiestCredentialCalls()).isEqualTo(168);
        assertThat(floor.duration()).isEqualTo(Duration.ofMillis(11_200));
    }

    @Test
    void a_fractional_rate_and_a_run_faster_than_the_floor() {
        RateFloor floor = RateFloor.of(Map.of("HWAK", 12L), 10, Duration.ofMillis(100));

        assertThat(floor.duration()).isEqualTo(Duration.ofMillis(1_300));
        assertThat(floor.ratio(Duration.ofMillis(650))).isCloseTo(0.5, within(1e-9));
        assertThat(RateFloor.of(Map.of("AKID1", 1L), 3, Duration.ZERO).duration()).isEqualTo(Duration.ofNanos(333_333_333));
    }

    @Test
    void no_calls_have_no_floor_to_compare_with() {
        RateFloor floor = RateFloor.of(Map.of(), 15, Duration.ZERO);

        assertThat(floor.duration()).isZero();
        assertThatThrownBy(() -> floor.ratio(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RateFloor.of(Map.of("AKID1", 1L), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate per second");
    }
}
