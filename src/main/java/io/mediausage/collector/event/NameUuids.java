package io.mediausage.collector.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (version 3, MD5), the very ones {@link UUID#nameUUIDFromBytes} makes of a name's UTF-8 bytes, with
 * an MD5 digest kept per thread: {@code nameUUIDFromBytes} looks one up among the security providers for each UUID,
 * twice for each of a window's thousands of events.
 */
public final class NameUuids {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e);
        }
    });

    private NameUuids() {
    }

    /** The name-based UUID of {@code name}, as text. */
    public static String of(String name) {
        byte[] hash = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30); // version 3
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        return new UUID(bits(hash, 0), bits(hash, 8)).toString();
    }

    private static long bits(byte[] hash, int from) {
        long bits = 0;
        for (int i = from; i < from + 8; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        return bits;
    }
}
