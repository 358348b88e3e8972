package io.mediausage.collector.signing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Signs Huawei Cloud API requests with SDK-HMAC-SHA256 (APIG AK/SK), as the official Java SDK's
 * {@code AKSKSigner} (huaweicloud-sdk-core 3.1.143) does.
 *
 * <p>Signed are {@code host}, {@code x-sdk-date}, the request's {@code headersToSign} and, for temporary
 * credentials, {@code x-security-token}. Like the SDK,
 * the Content-Type the HTTP client sends is not signed, so a client that rewrites it cannot break the
 * signature; a Content-Type put in {@code headersToSign} is signed like any other header (the published
 * guide's form). The request must be sent to {@link #encodedPath(String)} with
 * {@link #canonicalQueryString(List)} as its query, byte for byte.
 */
public final class HuaweiAkSkSigner {

    private static final String ALGORITHM = "SDK-HMAC-SHA256";
    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Headers this signer computes itself; the caller may not supply them. */
    private static final Set<String> COMPUTED_HEADERS = Set.of("host", "x-sdk-date", "authorization",
            "x-security-token");
    /** The header of a temporary credential's token, signed like the others, as the SDK's BasicCredentials sends it. */
    static final String SECURITY_TOKEN = "X-Security-Token";
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    /**
     * Signs a request.
     *
     * @return the headers to add, in this order: every header of {@code headersToSign} as given,
     *         X-Security-Token (only for temporary credentials, which carry a token),
     *         X-Sdk-Date ({@code yyyyMMdd'T'HHmmss'Z'}, UTC) and Authorization
     * @throws IllegalArgumentException if {@code headersToSign} holds a header this signer computes (Host,
     *         X-Sdk-Date, Authorization, X-Security-Token), a name with {@code _} (the SDK never signs those and gateways may
     *         drop them), or the same name twice in different case
     */
    public Map<String, String> sign(HuaweiRequest request, Credentials credentials, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(credentials, "credentials");
        String sdkDate = SDK_DATE.format(now);

        SortedMap<String, String> canonicalHeaders = new TreeMap<>();
        request.headersToSign().forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (COMPUTED_HEADERS.contains(key) || key.contains("_")) {
                throw new IllegalArgumentException("header cannot be signed as given: " + name);
            }
            // HTTP clients send values without surrounding whitespace, so that is what the server sees
            if (canonicalHeaders.put(key, value.trim()) != null) {
                throw new IllegalArgumentException("header given twice: " + name);
            }
        });
        canonicalHeaders.put("host", hostHeader(request.endpoint()));
        canonicalHeaders.put("x-sdk-date", sdkDate);
        if (credentials.securityToken() != null) {
            canonicalHeaders.put(SECURITY_TOKEN.toLowerCase(Locale.ROOT), credentials.securityToken());
        }
        String signedHeaders = String.join(";", canonicalHeaders.keySet());

        String canonicalRequest = canonicalRequest(request.method(), canonicalUri(request.path()),
                canonicalQueryString(request.queryParameters()), canonicalHeaders, request.body());
        String stringToSign = ALGORITHM + "\n" + sdkDate + "\n" + Digests.sha256Hex(canonicalRequest);
        // the key is the SK itself: unlike TC3 there is no derivation chain
        String signature = Digests.hex(
                Digests.hmacSha256(credentials.secretKey().getBytes(StandardCharsets.UTF_8), stringToSign));

        Map<String, String> headers = new LinkedHashMap<>(request.headersToSign());
        if (credentials.securityToken() != null) {
            headers.put(SECURITY_TOKEN, credentials.securityToken());
        }
        headers.put("X-Sdk-Date", sdkDate);
        headers.put("Authorization", ALGORITHM + " Access=" + credentials.accessKeyId()
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return headers;
    }

    /**
     * The encoded query string exactly as signed, without the leading {@code ?}: names sorted (by their
     * encoded form), the values of a repeated name in insertion order, names and values encoded as
     * RFC 3986 unreserved-only ({@code :} becomes {@code %3A}, space {@code %20}, {@code ~} stays).
     * The HTTP client must send exactly this string.
     */
    public static String canonicalQueryString(List<Map.Entry<String, String>> queryParameters) {
        SortedMap<String, List<String>> byName = new TreeMap<>();
        for (Map.Entry<String, String> parameter : queryParameters) {
            String name = Objects.requireNonNull(parameter.getKey(), "query parameter name");
            String value = Objects.requireNonNull(parameter.getValue(), () -> "value of query parameter " + name);
            byName.computeIfAbsent(encode(name), n -> new ArrayList<>()).add(encode(value));
        }
        StringJoiner query = new StringJoiner("&");
        byName.forEach((name, values) -> values.forEach(value -> query.add(name + "=" + value)));
        return query.toString();
    }

    /**
     * The path as it must be sent: each {@code /}-separated segment encoded like a query value
     * (so {@code test path} becomes {@code test%20path}). No trailing {@code /} is added.
     */
    public static String encodedPath(String path) {
        StringJoiner encoded = new StringJoiner("/");
        for (String segment : path.split("/", -1)) {
            encoded.add(encode(segment));
        }
        return encoded.toString();
    }

    /**
     * The canonical URI: every segment encoded and followed by {@code /}, so it always ends with {@code /}
     * although the request is sent without that slash. Splitting drops trailing empty segments, as the
     * SDK's {@code String.split} does.
     */
    static String canonicalUri(String path) {
        if (path.equals("/")) {
            return path;
        }
        StringBuilder uri = new StringBuilder();
        for (String segment : path.split("/")) {
            uri.append(encode(segment)).append('/');
        }
        return uri.toString();
    }

    static String canonicalRequest(String method, String canonicalUri, String canonicalQueryString,
                                   SortedMap<String, String> canonicalHeaders, String body) {
        StringBuilder request = new StringBuilder()
                .append(method).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQueryString).append('\n');
        canonicalHeaders.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
        return request.append('\n')
                .append(String.join(";", canonicalHeaders.keySet())).append('\n')
                .append(Digests.sha256Hex(body))
                .toString();
    }

    /** The Host header an HTTP client sends: the port only when it is not the scheme's default. */
    static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1
                || (port == 443 && "https".equalsIgnoreCase(endpoint.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(endpoint.getScheme()));
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as the SDK's SignUtils.urlEncode. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        // a lone surrogate becomes '?', as URLEncoder (which the SDK uses) also makes it
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(UPPER_HEX.toHexDigits(b));
            }
        }
        return encoded.toString();
    }
}
