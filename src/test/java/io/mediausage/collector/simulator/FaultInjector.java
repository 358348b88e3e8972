package io.mediausage.collector.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runtime-switchable faults. Rules are checked in the order they were added; the first rule that applies to the
 * call's API fires (a rule for the next n calls is consumed only when it fires). Probabilistic rules draw from a
 * {@link Random} seeded with the simulator seed.
 *
 * <pre>{@code
 * sim.faults().nextCalls(FaultKind.HTTP_503, 2);                 // the next two calls (any API) get 503
 * sim.faults().nextCalls(FaultKind.THROTTLE, 1, Api.TRTC_USAGE); // next TRTC call throttled
 * sim.faults().probability(FaultKind.DROP_CONNECTION, 0.2);      // 20 % of calls dropped, until clear()
 * sim.faults().slowReplyDelay(Duration.ofSeconds(3)).nextCalls(FaultKind.SLOW_REPLY, 1);
 * sim.faults().nextCalls(FaultKind.ANSWER_NEGATIVE_FIGURE, 2, Api.VOD_PLAY_STATS); // two bad answers, then good
 * sim.faults().clear();
 * }</pre>
 *
 * Faults are decided when a request arrives, before authentication (like a gateway). TRUNCATED_BODY and
 * SLOW_REPLY still run the normal processing (auth, validation, data) and then alter the delivery; the ANSWER_*
 * kinds run it and then alter a success answer ({@link AnswerMangler}), and are consumed even when the call ends in
 * an error instead.
 */
public final class FaultInjector {

    private static final class Rule {
        final FaultKind kind;
        final Api api; // null = any
        final double probability; // used when remaining < 0
        int remaining; // -1 = unbounded (probability rule)

        Rule(FaultKind kind, Api api, double probability, int remaining) {
            this.kind = kind;
            this.api = api;
            this.probability = probability;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Random random;
    private final Map<FaultKind, Integer> fired = new EnumMap<>(FaultKind.class);
    private volatile Duration slowReplyDelay = Duration.ofSeconds(2);

    FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    /** The next n calls (of any API the kind applies to) get this fault. */
    public synchronized FaultInjector nextCalls(FaultKind kind, int n) {
        return nextCalls(kind, n, null);
    }

    /** The next n calls of this API (null = any) get this fault. */
    public synchronized FaultInjector nextCalls(FaultKind kind, int n, Api api) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1");
        rules.add(new Rule(kind, api, 1.0, n));
        return this;
    }

    /** Every call (the kind applies to) gets this fault with probability p, until {@link #clear()}. */
    public synchronized FaultInjector probability(FaultKind kind, double p) {
        return probability(kind, p, null);
    }

    /** Every call of this API (null = any) gets this fault with probability p, until {@link #clear()}. */
    public synchronized FaultInjector probability(FaultKind kind, double p, Api api) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("p must be in [0,1]");
        rules.add(new Rule(kind, api, p, -1));
        return this;
    }

    /** Delay used by {@link FaultKind#SLOW_REPLY} (default 2 s). */
    public FaultInjector slowReplyDelay(Duration delay) {
        this.slowReplyDelay = delay;
        return this;
    }

    public Duration slowReplyDelay() {
        return slowReplyDelay;
    }

    /** Remove all rules (counts of fired faults are kept). */
    public synchronized FaultInjector clear() {
        rules.clear();
        return this;
    }

    /** How many times a fault of this kind has been injected since start. */
    public synchronized int firedCount(FaultKind kind) {
        return fired.getOrDefault(kind, 0);
    }

    /** Decide the fault for a call of this API (null = unrecognised action/path), or null for none. */
    synchronized FaultKind decide(Api api) {
        Iterator<Rule> it = rules.iterator();
        while (it.hasNext()) {
            Rule r = it.next();
            if (r.api != null && r.api != api) continue;
            if (!r.kind.appliesTo(api)) continue;
            if (r.remaining > 0) {
                if (--r.remaining == 0) it.remove();
                fired.merge(r.kind, 1, Integer::sum);
                return r.kind;
            }
            if (r.remaining < 0 && random.nextDouble() < r.probability) {
                fired.merge(r.kind, 1, Integer::sum);
                return r.kind;
            }
        }
        return null;
    }
}
