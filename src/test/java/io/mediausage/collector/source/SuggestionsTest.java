package io.mediausage.collector.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KNOWN = List.of("usage.retry.max-attempts", "usage.retry.max-delay-ms",
            "usage.retry.initial-delay-ms");

    @Test
    void should_suggest_the_key_a_dropped_letter_away() {
        assertThat(Suggestions.didYouMean("usage.retry.max-attemps", KNOWN))
                .isEqualTo("; did you mean 'usage.retry.max-attempts'?");
    }

    @Test
    void should_count_two_swapped_letters_as_one_edit() {
        assertThat(Suggestions.distance("rateLimit", "rateLmiit")).isEqualTo(1);
    }

    @Test
    void should_suggest_nothing_for_another_word() {
        assertThat(Suggestions.didYouMean("usage.kafka.brokers", KNOWN)).isEmpty();
    }
}
