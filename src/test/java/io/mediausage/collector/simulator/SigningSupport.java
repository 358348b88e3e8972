package io.mediausage.collector.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's own (server-side) implementation of the two signing schemes, written from the published
 * documents: Tencent Cloud API 3.0 "Signature v3" (TC3-HMAC-SHA256) and the Huawei APIG SDK-HMAC-SHA256 guide.
 * Independent of any client code in the project.
 */
final class SigningSupport {

    private SigningSupport() {
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac256(byte[] key, String msg) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two lower-case hex signatures. */
    static boolean sameSignature(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    // ------------------------------------------------------------------ Tencent TC3

    /**
     * CanonicalRequest = HTTPRequestMethod \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
     * SignedHeaders \n HashedRequestPayload, where CanonicalHeaders is "name:value\n" per signed header, name and
     * value lower-cased and trimmed (the Tencent doc: "key 和 value 统一转成小写").
     */
    static String tc3CanonicalRequest(String method, String canonicalUri, String canonicalQuery,
                                      List<String[]> headers, String signedHeaders, String hashedPayload) {
        StringBuilder ch = new StringBuilder();
        for (String[] h : headers) {
            ch.append(h[0].trim().toLowerCase(Locale.ROOT)).append(':')
                    .append(h[1].trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        return method + "\n" + canonicalUri + "\n" + canonicalQuery + "\n" + ch + "\n" + signedHeaders + "\n"
                + hashedPayload;
    }

    static String tc3StringToSign(long timestamp, String date, String service, String canonicalRequest) {
        return "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static String tc3Signature(String secretKey, String date, String service, String stringToSign) {
        byte[] secretDate = hmac256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac256(secretDate, service);
        byte[] secretSigning = hmac256(secretService, "tc3_request");
        return HexFormat.of().formatHex(hmac256(secretSigning, stringToSign));
    }

    // ------------------------------------------------------------------ Huawei SDK-HMAC-SHA256

    /** RFC 3986 percent-encoding (unreserved characters kept, upper-case hex); '/' kept when keepSlash. */
    static String rfc3986(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding only ('+' stays '+'); malformed escapes are kept literally. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0
                    && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Canonical URI: the decoded path re-encoded per RFC 3986 (keeping '/'), always ending in '/'. */
    static String huaweiCanonicalUri(String rawPath) {
        String p = rfc3986(percentDecode(rawPath == null || rawPath.isEmpty() ? "/" : rawPath), true);
        if (!p.startsWith("/")) p = "/" + p;
        return p.endsWith("/") ? p : p + "/";
    }

    /** Decoded (name, value) pairs of a raw query string, in the order received. */
    static List<String[]> queryPairs(String rawQuery) {
        List<String[]> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) return out;
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.add(new String[]{percentDecode(k), percentDecode(v)});
        }
        return out;
    }

    /**
     * Canonical query: names and values RFC 3986 encoded, sorted by name; repeated names keep the order received
     * (as the current official SDK signs) or, with sortValues, are sorted by value (as the older APIG guide's
     * signers do).
     */
    static String huaweiCanonicalQuery(String rawQuery, boolean sortValues) {
        List<String[]> enc = new ArrayList<>();
        for (String[] kv : queryPairs(rawQuery)) enc.add(new String[]{rfc3986(kv[0], false), rfc3986(kv[1], false)});
        Comparator<String[]> byKey = Comparator.comparing(a -> a[0]);
        enc.sort(sortValues ? byKey.thenComparing(a -> a[1]) : byKey); // List.sort is stable
        StringBuilder sb = new StringBuilder();
        for (String[] kv : enc) {
            if (sb.length() > 0) sb.append('&');
            sb.append(kv[0]).append('=').append(kv[1]);
        }
        return sb.toString();
    }

    /** CanonicalRequest = method \n uri \n query \n ("name:value\n" per signed header) \n signedHeaders \n hash. */
    static String huaweiCanonicalRequest(String method, String canonicalUri, String canonicalQuery,
                                         List<String[]> headers, String signedHeaders, String hashedPayload) {
        StringBuilder ch = new StringBuilder();
        for (String[] h : headers) ch.append(h[0].trim().toLowerCase(Locale.ROOT)).append(':').append(h[1].trim()).append('\n');
        return method + "\n" + canonicalUri + "\n" + canonicalQuery + "\n" + ch + "\n" + signedHeaders + "\n"
                + hashedPayload;
    }

    static String huaweiStringToSign(String sdkDate, String canonicalRequest) {
        return "SDK-HMAC-SHA256\n" + sdkDate + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static String huaweiSignature(String sk, String stringToSign) {
        return HexFormat.of().formatHex(hmac256(sk.getBytes(StandardCharsets.UTF_8), stringToSign));
    }
}
