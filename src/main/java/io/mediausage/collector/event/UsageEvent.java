package io.mediausage.collector.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The published usage event: FOCUS columns plus {@code x_}-prefixed collector fields.
 * The contract is {@code docs/usage-event.schema.json}, its JSON form {@link UsageJson}'s; change them together and
 * bump {@link #SCHEMA_VERSION}.
 */
public record UsageEvent(
        Instant chargePeriodStart,
        Instant chargePeriodEnd,
        BigDecimal consumedQuantity,
        String consumedUnit,
        String serviceProviderName,
        String serviceName,
        String regionId,
        String subAccountId,
        String resourceId,
        String skuId,
        String eventId,
        String metric,
        String granularity,
        String sourceName,
        String apiAction,
        String cloudRequestId,
        Instant collectedAt,
        String schemaVersion) {

    public static final String SCHEMA_VERSION = "1.0";
}
