package io.mediausage.collector.signing;

/**
 * An access key pair, optionally with the security token of temporary credentials.
 *
 * <p>{@link #toString()} never reveals the secret key or the token, and masks the access key id,
 * so a credentials object that ends up in a log or an exception message leaks nothing usable.
 *
 * @param accessKeyId   the access key id (Tencent SecretId, Huawei AK); not blank
 * @param secretKey     the secret key (Tencent SecretKey, Huawei SK); not blank
 * @param securityToken the token of temporary credentials, or {@code null}; a blank token means none,
 *                      as the official SDKs treat an empty one
 */
public record Credentials(String accessKeyId, String secretKey, String securityToken) {

    private static final String MASK = "****";
    /** Below this length, first 4 + last 4 characters would reveal most of the id. */
    private static final int MIN_LENGTH_TO_SHOW_ENDS = 16;

    public Credentials {
        // the messages name the field only: the values are secrets or may be
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("accessKeyId is missing");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey is missing");
        }
        if (securityToken != null && securityToken.isBlank()) {
            securityToken = null;
        }
    }

    /** Long-lived credentials, without a token. */
    public Credentials(String accessKeyId, String secretKey) {
        this(accessKeyId, secretKey, null);
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + maskedAccessKeyId()
                + ", secretKey=" + MASK
                + ", securityToken=" + (securityToken == null ? "none" : MASK) + "]";
    }

    /** The access key id with all but its first and last 4 characters hidden, fully hidden if short. */
    public String maskedAccessKeyId() {
        int length = accessKeyId.length();
        if (length < MIN_LENGTH_TO_SHOW_ENDS) {
            return MASK;
        }
        return accessKeyId.substring(0, 4) + MASK + accessKeyId.substring(length - 4);
    }
}
