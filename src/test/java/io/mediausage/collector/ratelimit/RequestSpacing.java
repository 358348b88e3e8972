package io.mediausage.collector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Asserts the spacing of requests, as a cloud that counts them when they arrive sees it. */
public final class RequestSpacing {

    private RequestSpacing() {
    }

    /**
     * The n-th earliest of {@code nanoTimes} ({@link System#nanoTime()}, in any order) came at least n spacings after
     * {@code start}, less 1 ms for the limiter's millisecond clock.
     */
    public static void assertSpacedAfter(long start, List<Long> nanoTimes, long spacingMillis) {
        List<Long> sorted = nanoTimes.stream().sorted().toList();
        for (int n = 0; n < sorted.size(); n++) {
            assertThat((sorted.get(n) - start) / 1_000_000).as("request %d after the stall, in ms", n)
                    .isGreaterThanOrEqualTo(n * spacingMillis - 1);
        }
    }
}
