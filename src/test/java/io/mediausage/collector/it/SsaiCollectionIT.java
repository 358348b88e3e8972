package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.UsageDataModel.SsaiChannel;
import io.mediausage.collector.simulator.UsageDataModel.SsaiCounters;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.PublishedEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SSAI sources declared in YAML from the shipped template run on their Quartz schedules against the simulator and a
 * real broker: two channels hourly over two days (signed for mps), and mid-roll ads of every channel daily (signed
 * for mdp). Every event read back must be the simulator's figure for exactly its period, once.
 */
class SsaiCollectionIT {

    static final String TOPIC = "usage.tencent.ssai";
    static final String SECRET_ID = "AKIDssaiIT0000000000000000000000";
    static final String SECRET_KEY = "ssai-it-secret";
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final SsaiChannel NEWS = new SsaiChannel("698AAD421D3EA5656115", "news", List.of("Pre-roll", "Mid-roll"));
    static final SsaiChannel SPORTS = new SsaiChannel("66503E8E0000930000F9", "sports", List.of("Mid-roll", "VOD"));
    static final SsaiChannel MOVIES = new SsaiChannel("7A1B2C3D4E5F60718293", "movies", List.of("VOD", "Mid-roll"));
    /** How the answer spells the ad types the query names Pre-roll, Mid-roll, VOD. */
    static final Map<String, String> ANSWER_AD_TYPE = Map.of("Pre-roll", "Preroll", "Mid-roll", "Midroll", "VOD", "VOD");

    /** The collector's "now", pinned so that no hour boundary passes while the test runs. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant HOURLY_START = NOW.minus(Duration.ofDays(2));
    static final LocalDate TODAY = NOW.atOffset(CST).toLocalDate();
    static final LocalDate DAILY_FIRST_DAY = TODAY.minusDays(2);

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/ssai-sources.yaml")
            .topic(TOPIC, 3, true)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .simulator(config -> List.of(NEWS, SPORTS, MOVIES).forEach(channel -> config.ssaiChannel(SECRET_ID,
                    channel.channelId(), channel.channelName(), channel.adTypes().toArray(String[]::new))))
            .property("it.ssai.hourly.start", HOURLY_START.toString())
            .property("it.ssai.daily.start", DAILY_FIRST_DAY.atStartOfDay(CST).toInstant().toString())
            .clock(NOW).scheduled();

    @Test
    void should_publish_every_counter_of_every_hour_of_two_days_once_per_channel_and_ad_type() throws Exception {
        UsageDataModel model = IT.simulator().data();
        Map<String, BigDecimal> expected = new HashMap<>();
        Instant end = NOW.truncatedTo(ChronoUnit.HOURS);
        for (Instant hour = HOURLY_START.truncatedTo(ChronoUnit.HOURS); hour.isBefore(end);
                hour = hour.plus(Duration.ofHours(1))) {
            for (SsaiChannel channel : List.of(NEWS, SPORTS)) {
                for (String adType : channel.adTypes()) {
                    put(expected, channel, adType, "PT1H", hour, model.ssaiCounters(channel.channelId(), adType, hour));
                }
            }
        }
        assertThat(expected).hasSize(48 * 4 * 12);

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC, "it-ssai-hourly",
                expected.size(), event -> {
                    assertThat(event.path("RegionId").asText()).isEqualTo("ap-shanghai");
                    assertThat(event.path("ServiceName").asText()).isEqualTo("StreamPackage SSAI");
                    assertThat(Set.of("Requests", "Events", "Undocumented"))
                            .contains(event.path("ConsumedUnit").asText());
                });

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = calls("it-ssai-hourly");
        assertThat(calls).hasSize(48).allMatch(RecordedCall::ok);
        assertThat(calls).allSatisfy(call -> assertThat(call.parameters()).containsEntry("Dimension", true));
    }

    @Test
    void should_publish_each_day_of_the_mid_roll_ads_of_every_channel_once_signed_for_mdp() throws Exception {
        UsageDataModel model = IT.simulator().data();
        Map<String, BigDecimal> expected = new HashMap<>();
        for (LocalDate day = DAILY_FIRST_DAY; day.isBefore(TODAY); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(CST).toInstant();
            for (SsaiChannel channel : List.of(NEWS, SPORTS, MOVIES)) {
                put(expected, channel, "Mid-roll", "P1D", start,
                        model.ssaiWindow(channel.channelId(), "Mid-roll", start, start.plus(Duration.ofDays(1))));
            }
        }

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC,
                "it-ssai-daily-mdp", expected.size(), event -> { });

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = calls("it-ssai-daily-mdp");
        assertThat(calls).hasSize(2).allMatch(RecordedCall::ok);
    }

    private static void put(Map<String, BigDecimal> expected, SsaiChannel channel, String adType, String granularity,
            Instant start, SsaiCounters counters) {
        counters(counters).forEach((metric, value) -> expected.put(PublishedEvents.key(channel.channelId(),
                ANSWER_AD_TYPE.get(adType), metric, granularity, start), PublishedEvents.figure(value)));
    }

    static Map<String, Long> counters(SsaiCounters c) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("ad_request_success", c.adRequestSuccess());
        counters.put("ad_request_fail", c.adRequestFail());
        counters.put("impression", c.impression());
        counters.put("start", c.start());
        counters.put("first_quartile", c.firstQuarter());
        counters.put("midpoint", c.midpoint());
        counters.put("third_quartile", c.thirdQuarter());
        counters.put("complete", c.complete());
        counters.put("ad_marker_time", c.adMarkerTime());
        counters.put("replaced_time", c.replacedTime());
        counters.put("pre_req_num", c.preReqNum());
        counters.put("pre_replaced_num", c.preReplacedNum());
        return counters;
    }

    /** The calls of a source, told apart by what they ask: the daily source names Types, the hourly one channels. */
    private static List<RecordedCall> calls(String source) {
        boolean daily = source.equals("it-ssai-daily-mdp");
        return IT.simulator().calls(Api.SSAI_USAGE).stream()
                .filter(c -> c.parameters().containsKey("Types") == daily).toList();
    }
}
