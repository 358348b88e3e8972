package io.mediausage.collector.event;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One figure an API reported for one bucket: what an API mapper knows, before identity and provenance are added.
 *
 * @param periodStart start of the bucket (UTC instant)
 * @param granularity length of the bucket
 * @param resourceId  what was used (a domain, a file, a channel, or the account scope when the API has none)
 * @param skuId       the priced variant (task type and specification, usage key, ad type...)
 * @param metric      which figure of the bucket (usage, task_count, plays, traffic...)
 * @param quantity    the figure as the API stated it
 * @param unit        the unit the API document states, or {@link UsageUnits#UNDOCUMENTED}
 */
public record UsageMeasurement(
        Instant periodStart,
        Duration granularity,
        String resourceId,
        String skuId,
        String metric,
        BigDecimal quantity,
        String unit) {

    public UsageMeasurement {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
    }

    public Instant periodEnd() {
        return periodStart.plus(granularity);
    }
}
