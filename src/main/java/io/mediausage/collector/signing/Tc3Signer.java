package io.mediausage.collector.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs Tencent Cloud API 3.0 requests with TC3-HMAC-SHA256, as the official Java SDK
 * (tencentcloud-sdk-java-common 3.1.1481) does: POST to {@code /}, no query string, and only
 * {@code content-type} and {@code host} signed.
 */
public final class Tc3Signer {

    /** The Content-Type that is signed; the request must be sent with exactly this value. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final String SIGNED_HEADERS = "content-type;host";
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final String service;

    /**
     * @param service the product's service name for the credential scope ({@code mps}, {@code trtc},
     *                {@code vod}, {@code mdp}); taken as given rather than from the host, because ops
     *                may point the client at another endpoint host
     */
    public Tc3Signer(String service) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service is missing");
        }
        this.service = service;
    }

    /**
     * Signs a request.
     *
     * @param now the signing time; sent as X-TC-Timestamp, which the server accepts within 5 minutes of its clock
     * @return every header to send, in this order: Authorization, Content-Type, Host, X-TC-Action, X-TC-Version,
     *         X-TC-Timestamp, X-TC-Region (only for a non-blank region), X-TC-Token (only with a security token)
     */
    public Map<String, String> sign(Tc3Request request, Credentials credentials, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(credentials, "credentials");
        long timestamp = now.getEpochSecond();
        // the scope date is the UTC date of the timestamp, whatever the local zone
        String date = SCOPE_DATE.format(now);
        String scope = credentialScope(date, service);
        String hashedCanonicalRequest = Digests.sha256Hex(canonicalRequest(request.host(), request.payload()));
        String signature = signature(signingKey(credentials.secretKey(), date, service),
                stringToSign(timestamp, scope, hashedCanonicalRequest));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature);
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Host", request.host());
        headers.put("X-TC-Action", request.action());
        headers.put("X-TC-Version", request.version());
        headers.put("X-TC-Timestamp", Long.toString(timestamp));
        if (request.region() != null && !request.region().isBlank()) {
            headers.put("X-TC-Region", request.region());
        }
        if (credentials.securityToken() != null) {
            headers.put("X-TC-Token", credentials.securityToken());
        }
        return headers;
    }

    static String canonicalRequest(String host, String payload) {
        return "POST\n/\n\n"
                + "content-type:" + CONTENT_TYPE + "\n"
                + "host:" + host + "\n\n"
                + SIGNED_HEADERS + "\n"
                + Digests.sha256Hex(payload);
    }

    static String credentialScope(String date, String service) {
        return date + "/" + service + "/tc3_request";
    }

    static String stringToSign(long timestamp, String credentialScope, String hashedCanonicalRequest) {
        return ALGORITHM + "\n" + timestamp + "\n" + credentialScope + "\n" + hashedCanonicalRequest;
    }

    /** SecretSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request"). */
    static byte[] signingKey(String secretKey, String date, String service) {
        byte[] secretDate = Digests.hmacSha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = Digests.hmacSha256(secretDate, service);
        return Digests.hmacSha256(secretService, "tc3_request");
    }

    static String signature(byte[] signingKey, String stringToSign) {
        return Digests.hex(Digests.hmacSha256(signingKey, stringToSign));
    }
}
