package io.mediausage.collector.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of one source declaration (a templated route), with typed reads that fail with the source
 * name and the key, so a bad configuration is found at start-up and is obvious to fix.
 */
public final class SourceParameters {

    private final String sourceName;
    private final Map<String, String> values;

    public SourceParameters(String sourceName, Map<String, ?> values) {
        this.sourceName = sourceName;
        this.values = new TreeMap<>();
        values.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                this.values.put(key, value.toString().trim());
            }
        });
    }

    public String sourceName() {
        return sourceName;
    }

    public String string(String key) {
        return optional(key).orElseThrow(() -> problem(key, "is required"));
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A comma-separated list; empty when the key is not set. */
    public List<String> list(String key) {
        return optional(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public Instant instant(String key) {
        String value = string(key);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw problem(key, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z or a duration such as P7D, got '"
                    + value + "'");
        }
    }

    /** An ISO-8601 instant, or an ISO-8601 duration meaning that long before {@code now} (P7D: a week ago). */
    public Instant instantOrAgo(String key, Instant now) {
        String value = string(key);
        if (value.startsWith("P") || value.startsWith("p")) {
            return now.minus(duration(key));
        }
        return instant(key);
    }

    public Duration duration(String key) {
        String value = string(key);
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw problem(key, "must not be negative, got '" + value + "'");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw problem(key, "must be an ISO-8601 duration such as PT2H or P3D, got '" + value + "'");
        }
    }

    public double positiveNumber(String key) {
        String value = string(key);
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw problem(key, "must be a positive number, got '" + value + "'");
    }

    public URI uri(String key) {
        String value = string(key);
        if (value.contains("@")) {
            // user:password@ would be printed and logged with the endpoint; the APIs authenticate by signature
            throw problem(key, "must not hold user info (user:password@); the value is not shown, as it holds a "
                    + "password");
        }
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw problem(key, "must be an http(s) URL such as https://mps.tencentcloudapi.com, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw problem(key, "is not a URL: '" + value + "'");
        }
    }

    public SourceConfigException problem(String key, String problem) {
        return new SourceConfigException(sourceName, key, problem);
    }
}
