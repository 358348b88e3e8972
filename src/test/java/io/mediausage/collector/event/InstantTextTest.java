package io.mediausage.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T07:00:00Z", "2026-11-20T07:00:01Z", "2026-11-20T09:00:01.120Z",
        "2026-11-20T09:00:01.000120Z", "2026-11-20T09:00:01.000000120Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z", "0999-03-04T05:06:07.100Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T23:00:00Z"})
    void should_write_what_instant_to_string_writes(String text) {
        Instant instant = Instant.parse(text);

        assertThat(InstantText.of(instant)).isEqualTo(instant.toString()).isEqualTo(text);
    }

    @Test
    void should_leave_years_beyond_four_digits_to_instant_to_string() {
        assertThat(InstantText.of(Instant.MAX)).isEqualTo(Instant.MAX.toString());
        assertThat(InstantText.of(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(InstantText.of(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
        assertThat(InstantText.of(Instant.parse("-0001-12-31T23:59:59Z"))).isEqualTo("-0001-12-31T23:59:59Z");
    }

    @Test
    void should_agree_with_instant_to_string_on_any_instant_of_four_digit_years() {
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 100_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), nano);

            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }
}
