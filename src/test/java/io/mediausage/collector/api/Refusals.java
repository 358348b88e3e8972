package io.mediausage.collector.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** How every API test checks that an answer is refused: the API's InvalidAnswer, retriable, saying what was wrong. */
public final class Refusals {

    private Refusals() {
    }

    public static void assertRefused(ThrowingCallable reading, String... saying) {
        assertThatThrownBy(reading).isInstanceOfSatisfying(CloudApiException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo("InvalidAnswer");
            org.assertj.core.api.Assertions.assertThat(e.isRetriable()).as("retriable").isTrue();
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(saying);
        });
    }
}
