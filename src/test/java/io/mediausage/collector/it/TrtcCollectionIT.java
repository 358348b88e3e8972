package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.PublishedEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TRTC sources declared in YAML from the shipped template run on their Quartz schedules against the simulator and a
 * real broker: daily figures of two apps over 40 days, five-minute figures of a whole account over three days, and
 * a one-day daily window. Every event read back must be the simulator's figure, once.
 */
class TrtcCollectionIT {

    static final String TOPIC = "usage.tencent.trtc";
    static final String SECRET_ID_A = "AKIDtrtcITaccountA00000000000000";
    static final String SECRET_KEY_A = "trtc-it-secret-a";
    static final String SECRET_ID_B = "AKIDtrtcITaccountB00000000000000";
    static final String SECRET_KEY_B = "trtc-it-secret-b";
    static final List<Long> APPS_A = List.of(1400000101L, 1400000102L);
    static final List<Long> APPS_B = List.of(1400000201L, 1400000202L);
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** The collector's "now", pinned so that no day boundary passes while the test runs. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final LocalDate TODAY = NOW.atOffset(CST).toLocalDate();
    static final Instant DAILY_START = NOW.minus(Duration.ofDays(40));
    static final LocalDate FIVE_MINUTE_FIRST_DAY = TODAY.minusDays(3);
    static final LocalDate ONE_DAY = TODAY.minusDays(1);

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/trtc-sources.yaml")
            .topic(TOPIC, 3, true)
            .tencentAccount(SECRET_ID_A, SECRET_KEY_A)
            .tencentAccount(SECRET_ID_B, SECRET_KEY_B, "TRTC_B_SECRET_ID", "TRTC_B_SECRET_KEY")
            .simulator(config -> config.trtcSdkAppIds(SECRET_ID_A, APPS_A.toArray(Long[]::new))
                    .trtcSdkAppIds(SECRET_ID_B, APPS_B.toArray(Long[]::new)))
            .property("it.trtc.daily.start", DAILY_START.toString())
            .property("it.trtc.five-minute.start", FIVE_MINUTE_FIRST_DAY.atStartOfDay(CST).toInstant().toString())
            .property("it.trtc.five-minute.settle-delay",
                    Duration.between(TODAY.atStartOfDay(CST).toInstant(), NOW).toString())
            .property("it.trtc.one-day.start", ONE_DAY.atStartOfDay(CST).toInstant().toString())
            .clock(NOW).scheduled();

    @Test
    void should_publish_every_day_of_40_days_of_each_app_once_with_the_simulators_daily_figures() throws Exception {
        UsageDataModel model = IT.simulator().data();
        Map<String, BigDecimal> expected = new HashMap<>();
        LocalDate firstDay = DAILY_START.atOffset(CST).toLocalDate();
        for (long app : APPS_A) {
            for (LocalDate day = firstDay; day.isBefore(TODAY); day = day.plusDays(1)) {
                for (String key : UsageDataModel.TRTC_USAGE_KEYS) {
                    expected.put(PublishedEvents.key(String.valueOf(app), key, "duration", "P1D",
                            day.atStartOfDay(CST).toInstant()),
                            PublishedEvents.figure(model.trtcDailyMinutes(SECRET_ID_A, app, key, day)));
                }
            }
        }
        assertThat(firstDay.until(TODAY, ChronoUnit.DAYS)).isEqualTo(40);

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC, "it-trtc-daily",
                expected.size(), event -> {
                    assertThat(event.path("ServiceProviderName").asText()).isEqualTo("Tencent Cloud");
                    assertThat(event.path("RegionId").asText()).isEqualTo("ap-guangzhou");
                    assertThat(event.path("SubAccountId").asText()).isEqualTo("100012345678");
                    assertThat(event.path("ConsumedUnit").asText()).isEqualTo("Minutes");
                });

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = trtcCalls(SECRET_ID_A);
        assertThat(calls).hasSize(2 * APPS_A.size()).allMatch(RecordedCall::ok);
        assertThat(calls).allSatisfy(call -> assertThat(days(call)).isBetween(2L, 31L));
    }

    @Test
    void should_publish_every_five_minutes_of_three_days_of_the_account_once() throws Exception {
        UsageDataModel model = IT.simulator().data();
        Map<String, BigDecimal> expected = new HashMap<>();
        for (LocalDateTime t = FIVE_MINUTE_FIRST_DAY.atStartOfDay(); t.isBefore(TODAY.atStartOfDay());
                t = t.plusMinutes(5)) {
            for (String key : UsageDataModel.TRTC_USAGE_KEYS) {
                expected.put(PublishedEvents.key("all-apps", key, "duration", "PT5M", t.toInstant(CST)),
                        PublishedEvents.figure(model.trtcMinutes(SECRET_ID_B, null, key, t)));
            }
        }
        assertThat(expected).hasSize(3 * 288 * UsageDataModel.TRTC_USAGE_KEYS.size());

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC,
                "it-trtc-five-minute", expected.size(),
                event -> assertThat(event.path("RegionId").asText()).isEqualTo("ap-singapore"));

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = trtcCalls(SECRET_ID_B).stream().filter(c -> !c.parameters().containsKey("SdkAppId"))
                .toList();
        assertThat(calls).hasSize(3).allMatch(RecordedCall::ok);
        assertThat(calls).allSatisfy(call -> assertThat(days(call)).isEqualTo(1));
    }

    @Test
    void should_publish_a_one_day_daily_window_as_daily_figures_of_that_day_only() throws Exception {
        UsageDataModel model = IT.simulator().data();
        Map<String, BigDecimal> expected = new HashMap<>();
        for (String key : UsageDataModel.TRTC_USAGE_KEYS) {
            expected.put(PublishedEvents.key("1400000201", key, "duration", "P1D", ONE_DAY.atStartOfDay(CST).toInstant()),
                    PublishedEvents.figure(model.trtcDailyMinutes(SECRET_ID_B, 1400000201L, key, ONE_DAY)));
        }

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC, "it-trtc-one-day",
                expected.size(), event -> { });

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = trtcCalls(SECRET_ID_B).stream().filter(c -> c.parameters().containsKey("SdkAppId"))
                .toList();
        assertThat(calls).hasSize(1).allMatch(RecordedCall::ok);
        assertThat(calls.get(0).parameters()).containsEntry("StartTime", ONE_DAY.minusDays(1).toString())
                .containsEntry("EndTime", ONE_DAY.toString());
    }

    private static List<RecordedCall> trtcCalls(String secretId) {
        return IT.simulator().calls(Api.TRTC_USAGE).stream().filter(c -> secretId.equals(c.credential())).toList();
    }

    /** Days a call asked for, both dates included. */
    private static long days(RecordedCall call) {
        return ChronoUnit.DAYS.between(LocalDate.parse(call.parameters().get("StartTime").toString()),
                LocalDate.parse(call.parameters().get("EndTime").toString())) + 1;
    }
}
