package io.mediausage.collector.simulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST-ONLY client-side signer used by the simulator's tests, written separately from the simulator's verifier
 * ({@link SigningSupport}) so that each checks the other; both are checked against signing-vectors.md.
 */
final class RequestSigner {

    private RequestSigner() {
    }

    /** Result of signing: the Authorization header plus the intermediate values for vector checks. */
    record Signed(String authorization, String canonicalRequest, String hashedCanonicalRequest, String signature) {
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }

    static String sha256(byte[] data) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * TC3-HMAC-SHA256 per the Tencent "Signature v3" document. signedHeaders: lower-case name → value, signed in
     * name order; values are lower-cased as the document requires.
     */
    static Signed tc3(String secretId, String secretKey, String service, long timestamp, String method,
                      String canonicalQuery, Map<String, String> signedHeaders, byte[] body) {
        TreeMap<String, String> hs = new TreeMap<>();
        signedHeaders.forEach((k, v) -> hs.put(k.toLowerCase(), v.trim().toLowerCase()));
        StringBuilder canonicalHeaders = new StringBuilder();
        hs.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedNames = String.join(";", hs.keySet());
        String cr = method + "\n/\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedNames + "\n" + sha256(body);
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(timestamp));
        String scope = date + "/" + service + "/tc3_request";
        String hashedCr = sha256(cr.getBytes(StandardCharsets.UTF_8));
        String sts = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + hashedCr;
        byte[] k = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, service);
        k = hmac(k, "tc3_request");
        String sig = hex(hmac(k, sts));
        String auth = "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=" + signedNames
                + ", Signature=" + sig;
        return new Signed(auth, cr, hashedCr, sig);
    }

    static String rfc3986(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /**
     * SDK-HMAC-SHA256 as the current Huawei SDK signs: path segments encoded and a trailing '/', query keys sorted
     * (repeated keys keep their order), the given headers (lower-case name → value) signed in name order.
     */
    static Signed huawei(String ak, String sk, String method, String rawPath, String rawQuery,
                         Map<String, String> signedHeaders, byte[] body) {
        StringBuilder uri = new StringBuilder();
        for (String seg : URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8).split("/")) {
            if (seg.isEmpty()) continue;
            uri.append('/').append(rfc3986(seg));
        }
        uri.append('/');
        List<String[]> q = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String part : rawQuery.split("&")) {
                String[] kv = part.split("=", 2);
                String key = URLDecoder.decode(kv[0].replace("+", "%2B"), StandardCharsets.UTF_8);
                String val = kv.length > 1 ? URLDecoder.decode(kv[1].replace("+", "%2B"), StandardCharsets.UTF_8) : "";
                q.add(new String[]{rfc3986(key), rfc3986(val)});
            }
        }
        q.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder query = new StringBuilder();
        for (String[] kv : q) {
            if (query.length() > 0) query.append('&');
            query.append(kv[0]).append('=').append(kv[1]);
        }
        TreeMap<String, String> hs = new TreeMap<>();
        signedHeaders.forEach((k, v) -> hs.put(k.toLowerCase(), v.trim()));
        StringBuilder ch = new StringBuilder();
        hs.forEach((k, v) -> ch.append(k).append(':').append(v).append('\n'));
        String names = String.join(";", hs.keySet());
        String cr = method + "\n" + uri + "\n" + query + "\n" + ch + "\n" + names + "\n" + sha256(body);
        String hashed = sha256(cr.getBytes(StandardCharsets.UTF_8));
        String sts = "SDK-HMAC-SHA256\n" + hs.get("x-sdk-date") + "\n" + hashed;
        String sig = hex(hmac(sk.getBytes(StandardCharsets.UTF_8), sts));
        return new Signed("SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=" + names + ", Signature=" + sig, cr, hashed, sig);
    }
}
