package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both foundation sources, declared in YAML from the shipped templates, run on their Quartz schedules against the
 * simulator and a real broker; every event read back from the topics must be the simulator's figure, once.
 */
class FoundationCollectionIT {

    static final String SECRET_ID = "AKIDfoundationIT0000000000000000";
    static final String SECRET_KEY = "foundation-it-tencent-secret";
    static final String AK = "FOUNDATIONITAK000000";
    static final String SK = "foundation-it-huawei-secret";
    static final String PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** The collector's "now", pinned so that no hour or day boundary passes while the test runs. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant MPS_START = NOW.minus(Duration.ofDays(120));
    static final Instant HUAWEI_START = NOW.minus(Duration.ofDays(40));

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/foundation-sources.yaml")
            .topic("usage.tencent.mps", 3, true)
            .topic("usage.huawei.live", 3, true)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .huaweiAccount(AK, SK)
            .property("it.mps.start", MPS_START.toString())
            .property("it.huawei.start", HUAWEI_START.toString())
            .clock(NOW).scheduled();

    @Test
    void should_publish_every_mps_day_of_120_days_once_with_the_simulators_figures() throws Exception {
        Map<String, BigDecimal> expected = new HashMap<>();
        LocalDate firstDay = MPS_START.atOffset(CST).toLocalDate();
        LocalDate today = NOW.atOffset(CST).toLocalDate();
        UsageDataModel model = IT.simulator().data();
        for (String region : List.of("ap-guangzhou", "ap-singapore")) {
            for (String type : List.of("Transcode", "Snapshot")) {
                for (String spec : model.mpsSpecs(SECRET_ID, region, type)) {
                    for (LocalDate day = firstDay; day.isBefore(today); day = day.plusDays(1)) {
                        Instant start = day.atStartOfDay(CST).toInstant();
                        String sku = type + "/" + spec;
                        model.mpsUsage(SECRET_ID, region, type, spec, day).ifPresent(figure -> {
                            expected.put(key(region, sku, "usage", start), BigDecimal.valueOf(figure.usage()).stripTrailingZeros());
                            expected.put(key(region, sku, "task_count", start), BigDecimal.valueOf(figure.count()).stripTrailingZeros());
                        });
                    }
                }
            }
        }
        assertThat(firstDay.until(today).toTotalMonths()).isGreaterThanOrEqualTo(3); // needs more than one window

        Map<String, BigDecimal> published = awaitEvents("usage.tencent.mps", expected.size(), "it-mps");

        assertThat(published).isEqualTo(expected);
        assertThat(IT.simulator().calls()).filteredOn(c -> "DescribeUsageData".equals(c.action()))
                .hasSizeGreaterThanOrEqualTo(4).allMatch(RecordedCall::ok);
    }

    @Test
    void should_publish_every_huawei_hour_of_40_days_once_with_the_simulators_figures() throws Exception {
        Map<String, BigDecimal> expected = new HashMap<>();
        UsageDataModel model = IT.simulator().data();
        Instant end = NOW.truncatedTo(ChronoUnit.HOURS);
        for (Instant hour = HUAWEI_START.truncatedTo(ChronoUnit.HOURS); hour.isBefore(end);
                hour = hour.plus(Duration.ofHours(1))) {
            for (String spec : UsageDataModel.HUAWEI_SPECS) {
                Instant start = hour;
                model.huaweiTranscodeMinutes(PROJECT_ID, null, null, spec, hour).ifPresent(minutes ->
                        expected.put(key("cn-north-4", spec, "transcode_duration", start), minutes.stripTrailingZeros()));
            }
        }

        Map<String, BigDecimal> published = awaitEvents("usage.huawei.live", expected.size(), "it-huawei");

        assertThat(published).isEqualTo(expected);
        assertThat(IT.simulator().calls()).filteredOn(c -> "ListTranscodeData".equals(c.action()))
                .hasSizeGreaterThanOrEqualTo(2).allMatch(RecordedCall::ok);
    }

    /**
     * Waits until the topic holds {@code count} events of the source, then through two more schedule firings, and
     * returns them by (region, SKU, metric, period) after checking each one against the contract.
     */
    private static Map<String, BigDecimal> awaitEvents(String topic, int count, String source) throws Exception {
        return IT.awaitPublished(topic, source, count, Duration.ofSeconds(90),
                event -> key(event.path("RegionId").asText(), event.path("SkuId").asText(),
                        event.path("x_Metric").asText(), Instant.parse(event.path("ChargePeriodStart").asText())),
                event -> { });
    }

    private static String key(String region, String sku, String metric, Instant periodStart) {
        return region + "|" + sku + "|" + metric + "|" + periodStart;
    }
}
