package io.mediausage.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import io.mediausage.collector.api.tencent.MpsUsageApi;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.testing.TestSources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthyLagTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:20:30Z");

    @Test
    void should_add_settle_delay_one_hourly_bucket_and_an_hour_between_runs() {
        UsageSource hourly = TestSources.source(new LiveTranscodeUsageApi(), "https://live.cn-north-4.myhuaweicloud.com",
                Map.of("projectId", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "region", "cn-north-4",
                        "schedule", "0 10 * * * ?", "scheduleTimeZone", "UTC"));

        // TestSources' settle delay is 2 hours: the README's "hourly Huawei source: under 4 hours"
        assertThat(HealthyLag.bound(hourly, NOW)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void should_add_a_whole_day_for_a_daily_api() {
        UsageSource daily = TestSources.source(new MpsUsageApi(), "https://mps.intl.tencentcloudapi.com",
                Map.of("accountId", "100012345678", "processRegions", "ap-guangzhou", "taskTypes", "Transcode",
                        "schedule", "0 20 * * * ?", "scheduleTimeZone", "UTC"));

        assertThat(HealthyLag.bound(daily, NOW)).isEqualTo(Duration.ofHours(2 + 24 + 1));
    }

    @Test
    void should_take_the_longest_gap_of_an_uneven_schedule() {
        // weekdays at 06:00: Friday to Monday is the longest wait
        assertThat(HealthyLag.longestScheduleGap("0 0 6 ? * MON-FRI", "UTC", NOW)).isEqualTo(Duration.ofDays(3));
        assertThat(HealthyLag.longestScheduleGap("0 0/15 * * * ?", "Asia/Shanghai", NOW))
                .isEqualTo(Duration.ofMinutes(15));
    }
}
