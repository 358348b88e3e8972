package io.mediausage.collector.bench;

import java.time.Duration;
import java.util.Map;

/**
 * The least time a run of API calls can take under a rate limit per credential: the busiest credential's calls
 * at its configured rate, plus one round trip, because the last call must still come back. Credentials are
 * limited independently, so sources on different credentials do not add up.
 *
 * @param busiestCredentialCalls the calls made with the credential that made the most
 * @param ratePerSecond          the configured rate limit of one credential
 * @param roundTrip              the server latency of the run
 */
record RateFloor(long busiestCredentialCalls, double ratePerSecond, Duration roundTrip) {

    RateFloor {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate per second must be positive, got " + ratePerSecond);
        }
    }

    /** The floor of calls counted per credential, at one configured rate. */
    static RateFloor of(Map<String, Long> callsPerCredential, double ratePerSecond, Duration roundTrip) {
        long busiest = callsPerCredential.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new RateFloor(busiest, ratePerSecond, roundTrip);
    }

    Duration duration() {
        return Duration.ofNanos(Math.round(busiestCredentialCalls / ratePerSecond * 1e9)).plus(roundTrip);
    }

    /** How many times the floor a run took: 1.0 is as fast as the rate limits allow. */
    double ratio(Duration wallTime) {
        Duration floor = duration();
        if (floor.isZero()) {
            throw new IllegalStateException("no calls and no round trip: the floor is zero");
        }
        return (double) wallTime.toNanos() / floor.toNanos();
    }
}
