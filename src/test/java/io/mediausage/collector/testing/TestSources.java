package io.mediausage.collector.testing;

import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.signing.Credentials;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Sources for unit tests, built the way the catalog builds them. */
public final class TestSources {

    public static final Credentials CREDENTIALS = new Credentials("AKIDTESTTESTTESTTEST", "test-secret-key", null);

    private TestSources() {
    }

    public static UsageSource source(UsageApi api, String endpoint, Map<String, String> parameters) {
        SourceParameters sourceParameters = new SourceParameters("test-source", parameters);
        api.validate(sourceParameters);
        return new UsageSource("test-source", api, URI.create(endpoint), api.subAccountId(sourceParameters),
                CREDENTIALS, "usage.test", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(2), Duration.ZERO, 10,
                sourceParameters);
    }
}
