package io.mediausage.collector.signing;

import java.util.Objects;

/**
 * One Tencent Cloud API 3.0 request: a POST of a JSON body to {@code https://host/}.
 *
 * @param host    the Host header exactly as the HTTP client sends it, e.g. {@code mps.tencentcloudapi.com},
 *                or {@code localhost:8080} for a local endpoint
 * @param action  the API action, e.g. {@code DescribeUsageData}
 * @param version the API version, e.g. {@code 2019-06-12}
 * @param region  the region, or {@code null}/blank for APIs that take none (then not sent)
 * @param payload the JSON body, signed and sent as its UTF-8 bytes
 */
public record Tc3Request(String host, String action, String version, String region, String payload) {

    public Tc3Request {
        requireNonBlank(host, "host");
        requireNonBlank(action, "action");
        requireNonBlank(version, "version");
        Objects.requireNonNull(payload, "payload");
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
