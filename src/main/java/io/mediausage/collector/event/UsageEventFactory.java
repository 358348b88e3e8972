package io.mediausage.collector.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Turns measurements into events with a deterministic identity, so re-collection upserts instead of duplicating. */
public final class UsageEventFactory {

    public List<UsageEvent> create(EventOrigin origin, List<UsageMeasurement> measurements, String cloudRequestId,
            Instant collectedAt) {
        return measurements.stream().map(m -> create(origin, m, cloudRequestId, collectedAt)).toList();
    }

    public UsageEvent create(EventOrigin origin, UsageMeasurement m, String cloudRequestId, Instant collectedAt) {
        String granularity = granularity(m.granularity());
        return new UsageEvent(
                m.periodStart(),
                m.periodEnd(),
                m.quantity(),
                m.unit(),
                origin.serviceProviderName(),
                origin.serviceName(),
                origin.regionId(),
                origin.subAccountId(),
                m.resourceId(),
                m.skuId(),
                eventId(origin, m, granularity),
                m.metric(),
                granularity,
                origin.sourceName(),
                origin.apiAction(),
                cloudRequestId,
                collectedAt,
                UsageEvent.SCHEMA_VERSION);
    }

    /** ISO-8601 duration as people write bucket lengths: P1D, PT1H, PT5M. */
    static String granularity(Duration bucket) {
        return bucket.toSeconds() % 86_400 == 0 ? "P" + bucket.toDays() + "D" : bucket.toString();
    }

    /**
     * Name-based UUID over what makes a figure the same figure: who, where, what, which metric and which period.
     * The source name is left out on purpose: two sources reading the same account publish under the same key.
     */
    static String eventId(EventOrigin origin, UsageMeasurement m, String granularity) {
        String identity = String.join("\u001f",
                origin.serviceProviderName(), origin.serviceName(), origin.apiAction(), origin.regionId(),
                origin.subAccountId(), m.resourceId(), m.skuId(), m.metric(), granularity,
                InstantText.of(m.periodStart()));
        return NameUuids.of(identity);
    }
}
