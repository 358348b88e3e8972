package io.mediausage.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageEventFactoryTest {

    private static final EventOrigin ORIGIN = new EventOrigin("Tencent Cloud", "Media Processing Service",
            "ap-guangzhou", "100012345678", "mps-main", "DescribeUsageData");
    private static final Instant DAY = Instant.parse("2026-11-20T16:00:00Z");

    private final UsageEventFactory factory = new UsageEventFactory();

    private static UsageMeasurement measurement(String sku, String metric, String quantity) {
        return new UsageMeasurement(DAY, Duration.ofDays(1), "mps:ap-guangzhou", sku, metric, new BigDecimal(quantity),
                UsageUnits.SECONDS);
    }

    @Test
    void should_give_a_restated_figure_the_same_key() {
        UsageEvent first = factory.create(ORIGIN, measurement("Transcode/Audio", "usage", "10"), "r1", DAY);
        UsageEvent restated = factory.create(ORIGIN, measurement("Transcode/Audio", "usage", "12"), "r2",
                DAY.plusSeconds(3600));

        assertThat(restated.eventId()).isEqualTo(first.eventId());
    }

    @Test
    void should_give_a_figure_the_key_earlier_versions_gave_it() {
        // the key is how a compacted topic upserts: a figure collected again by a newer collector must replace its old
        // record, so the key of the same figure never changes between versions
        UsageEvent event = factory.create(ORIGIN, measurement("Transcode/Audio", "usage", "10"), "r", Instant.EPOCH);

        assertThat(event.eventId()).isEqualTo("bbc8a88f-cca0-3142-b383-c099e5682e63");
    }

    @Test
    void should_give_another_metric_sku_or_period_another_key() {
        String usage = factory.create(ORIGIN, measurement("Transcode/Audio", "usage", "10"), "r", DAY).eventId();

        assertThat(factory.create(ORIGIN, measurement("Transcode/Audio", "task_count", "10"), "r", DAY).eventId())
                .isNotEqualTo(usage);
        assertThat(factory.create(ORIGIN, measurement("Transcode/SD", "usage", "10"), "r", DAY).eventId())
                .isNotEqualTo(usage);
        UsageMeasurement nextDay = new UsageMeasurement(DAY.plus(Duration.ofDays(1)), Duration.ofDays(1),
                "mps:ap-guangzhou", "Transcode/Audio", "usage", BigDecimal.TEN, UsageUnits.SECONDS);
        assertThat(factory.create(ORIGIN, nextDay, "r", DAY).eventId()).isNotEqualTo(usage);
    }

    @Test
    void should_fill_the_focus_period_from_the_bucket() {
        UsageEvent event = factory.create(ORIGIN, measurement("Transcode/Audio", "usage", "10"), "req-1", DAY);

        assertThat(event.chargePeriodStart()).isEqualTo(DAY);
        assertThat(event.chargePeriodEnd()).isEqualTo(DAY.plus(Duration.ofDays(1)));
        assertThat(event.granularity()).isEqualTo("P1D");
        assertThat(event.cloudRequestId()).isEqualTo("req-1");
        assertThat(event.schemaVersion()).isEqualTo(UsageEvent.SCHEMA_VERSION);
    }
}
