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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * VOD sources declared in YAML from the shipped template run on their Quartz schedules against the simulator and a
 * real broker: three files (two listed inline, one in a file list with its VOD application), ten days hourly. Every
 * event read back must be the simulator's figure, once.
 */
class VodCollectionIT {

    static final String TOPIC = "usage.tencent.vod";
    static final String SECRET_ID = "AKIDvodIT00000000000000000000000";
    static final String SECRET_KEY = "vod-it-secret";
    static final List<String> INLINE_FILES = List.of("5285485487985271901", "5285485487985271902");
    static final String LISTED_FILE = "5285485487985271903";
    static final long SUB_APP_ID = 1500012345L;

    /** The collector's "now", pinned so that no hour boundary passes while the test runs. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant START = NOW.minus(Duration.ofDays(10));

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/vod-sources.yaml")
            .topic(TOPIC, 3, true)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .simulator(config -> config.vodFile(SECRET_ID, INLINE_FILES.get(0), null)
                    .vodFile(SECRET_ID, INLINE_FILES.get(1), null)
                    .vodFile(SECRET_ID, LISTED_FILE, SUB_APP_ID))
            .property("it.vod.start", START.toString())
            .clock(NOW).scheduled();

    @Test
    void should_publish_every_hour_of_ten_days_of_the_inline_files_once_with_the_simulators_figures()
            throws Exception {
        Map<String, BigDecimal> expected = expected(INLINE_FILES);

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC, "it-vod-inline",
                expected.size(), event -> {
                    assertThat(event.path("ServiceName").asText()).isEqualTo("Video on Demand");
                    assertThat(event.path("SubAccountId").asText()).isEqualTo("100012345678");
                    assertThat(event.path("ConsumedUnit").asText())
                            .isEqualTo(event.path("x_Metric").asText().equals("plays") ? "Plays" : "Bytes");
                });

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = calls(INLINE_FILES);
        assertThat(calls).hasSize(2 * INLINE_FILES.size()).allMatch(RecordedCall::ok);
        assertThat(calls).allSatisfy(call -> assertThat(call.parameters()).containsEntry("Interval", "Hour")
                .doesNotContainKey("SubAppId"));
    }

    @Test
    void should_publish_every_hour_of_ten_days_of_the_listed_file_in_its_application_once() throws Exception {
        Map<String, BigDecimal> expected = expected(List.of(LISTED_FILE));

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC, "it-vod-file-list",
                expected.size(), event -> { });

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = calls(List.of(LISTED_FILE));
        assertThat(calls).hasSize(2).allMatch(RecordedCall::ok);
        assertThat(calls).allSatisfy(call -> assertThat(call.parameters().get("SubAppId").toString())
                .isEqualTo(String.valueOf(SUB_APP_ID)));
    }

    /** Plays and traffic of every hour in [START's hour, NOW's hour) that the simulator has a row for. */
    private static Map<String, BigDecimal> expected(List<String> files) {
        UsageDataModel model = IT.simulator().data();
        Map<String, BigDecimal> expected = new HashMap<>();
        Instant end = NOW.truncatedTo(ChronoUnit.HOURS);
        for (String file : files) {
            for (Instant hour = START.truncatedTo(ChronoUnit.HOURS); hour.isBefore(end); hour = hour.plus(
                    Duration.ofHours(1))) {
                Instant start = hour;
                model.vodHour(file, hour).ifPresent(figure -> {
                    expected.put(PublishedEvents.key(file, "Playback", "plays", "PT1H", start),
                            PublishedEvents.figure(figure.playTimes()));
                    expected.put(PublishedEvents.key(file, "Playback", "traffic", "PT1H", start),
                            PublishedEvents.figure(figure.traffic()));
                });
            }
        }
        assertThat(expected).hasSizeGreaterThan(files.size() * 2 * 24 * 5); // most hours have plays
        return expected;
    }

    private static List<RecordedCall> calls(List<String> files) {
        return IT.simulator().calls(Api.VOD_PLAY_STATS).stream()
                .filter(c -> files.contains(String.valueOf(c.parameters().get("FileId")))).toList();
    }
}
