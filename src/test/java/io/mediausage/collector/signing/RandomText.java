package io.mediausage.collector.signing;

import java.util.List;
import java.util.Random;

/** Random inputs for the cross-checks against the official SDKs; seeded so a failure can be replayed. */
final class RandomText {

    /** Characters that tend to break encoders: reserved, percent, plus, tilde, non-ASCII, beyond the BMP. */
    static final String TRICKY = " ~%+*&=:@!$',;()[]-._\"\\<>^`|éü中文直播€😀";
    static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private RandomText() {
    }

    /** The seed for this run: -Dsigning.seed=N replays a failed run, otherwise a fresh one each time. */
    static long seed() {
        return Long.getLong("signing.seed", System.nanoTime());
    }

    static String replayHint(long seed) {
        return "seed " + seed + " (replay with -Dsigning.seed=" + seed + ")";
    }

    /** A string of whole code points drawn from the alphabet, so surrogate pairs stay intact. */
    static String of(Random random, String alphabet, int minLength, int maxLength) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }

    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
