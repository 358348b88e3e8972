package io.mediausage.collector.signing;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One Huawei Cloud API request to sign with {@link HuaweiAkSkSigner}.
 *
 * @param method          the HTTP method, e.g. {@code GET}; upper-cased
 * @param endpoint        {@code scheme://host[:port]}, without path, query or user info
 * @param path            the raw, unencoded path starting with {@code /}, e.g. {@code /v2/abc/stats/transcode}
 * @param queryParameters raw names and values in insertion order; a name may repeat
 * @param headersToSign   extra headers to sign and send, e.g. {@code X-Project-Id}; may be empty
 * @param body            the body, signed as its UTF-8 bytes; {@code ""} for none
 */
public record HuaweiRequest(String method, URI endpoint, String path,
                            List<Map.Entry<String, String>> queryParameters,
                            Map<String, String> headersToSign, String body) {

    public HuaweiRequest {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method is missing");
        }
        // signed as sent, and HTTP methods are sent in upper case
        method = method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.getHost() == null || endpoint.getScheme() == null || endpoint.getRawUserInfo() != null
                || !(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty())
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must be scheme://host[:port], got " + endpoint);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got " + path);
        }
        // copies keep the caller's order (query values, headers) and make the record immutable
        queryParameters = queryParameters == null ? List.of() : List.copyOf(queryParameters);
        headersToSign = headersToSign == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headersToSign));
        body = body == null ? "" : body;
    }
}
