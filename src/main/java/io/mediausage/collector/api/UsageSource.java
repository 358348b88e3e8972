package io.mediausage.collector.api;

import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.signing.Credentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One configured collection job: an API, an account scope, credentials, an endpoint and a topic.
 *
 * @param name          unique source name: its route id, x_SourceName, Quartz job usage/<name>, metrics label
 * @param api           the API it collects
 * @param endpoint      scheme://host[:port] of the API (the documented host unless overridden)
 * @param subAccountId  the account scope reported as FOCUS SubAccountId (Tencent account label, Huawei project id)
 * @param credentials   resolved credentials (masked in toString)
 * @param topic         the Kafka topic its events go to
 * @param start         the oldest instant the first run collects from
 * @param settleDelay   how long after a bucket ends the API's figure is final enough to collect
 * @param lookback      how far behind the settled edge each scheduled run collects again, for late restatements
 * @param rateLimit     requests per second allowed for the API with these credentials
 * @param parameters    the declaration itself, for API-specific settings
 */
public record UsageSource(
        String name,
        UsageApi api,
        URI endpoint,
        String subAccountId,
        Credentials credentials,
        String topic,
        Instant start,
        Duration settleDelay,
        Duration lookback,
        double rateLimit,
        SourceParameters parameters) {

    public UsageSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The endpoint without a trailing slash, e.g. https://mps.tencentcloudapi.com */
    public String baseUrl() {
        String url = endpoint.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Host as the HTTP client sends it in the Host header: with the port only when it is not the default. */
    public String hostHeader() {
        return endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }

    @Override
    public String toString() {
        return "UsageSource[" + name + ", api=" + api.name() + ", endpoint=" + endpoint + ", topic=" + topic + "]";
    }
}
