package io.mediausage.collector.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BucketGridTest {

    @Test
    void should_floor_to_the_utc_plus_8_midnight_before_the_instant() {
        BucketGrid days = BucketGrid.daily(BucketGrid.CHINA_STANDARD_TIME);

        assertThat(days.floor(Instant.parse("2026-11-22T15:59:59Z"))).isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
        assertThat(days.floor(Instant.parse("2026-11-22T16:00:00Z"))).isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
    }

    @Test
    void should_ceil_only_instants_inside_a_bucket() {
        BucketGrid hours = BucketGrid.hourly(ZoneOffset.UTC);

        assertThat(hours.ceil(Instant.parse("2026-11-22T07:00:00Z"))).isEqualTo(Instant.parse("2026-11-22T07:00:00Z"));
        assertThat(hours.ceil(Instant.parse("2026-11-22T07:00:01Z"))).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
    }

    @Test
    void should_align_five_minute_buckets_in_utc_plus_8() {
        BucketGrid fiveMinutes = BucketGrid.fiveMinutes(BucketGrid.CHINA_STANDARD_TIME);

        assertThat(fiveMinutes.floor(Instant.parse("2026-11-22T07:14:59Z")))
                .isEqualTo(Instant.parse("2026-11-22T07:10:00Z"));
    }

    @Test
    void should_reject_a_bucket_that_does_not_divide_a_day() {
        assertThatThrownBy(() -> new BucketGrid(Duration.ofMinutes(7), ZoneOffset.UTC))
                .hasMessageContaining("divide a day");
    }
}
