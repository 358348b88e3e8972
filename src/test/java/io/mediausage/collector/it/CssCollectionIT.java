package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CssTranscodeHandler;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.PublishedEvents;
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
 * CSS live transcoding sources declared in YAML from the shipped template run on their Quartz schedules against the
 * simulator and a real broker: five-minute figures of the account over two Beijing days, one day of hourly figures
 * of the Chinese mainland, and two push domains hourly over three days. Every event read back must be the
 * simulator's figure, once.
 */
class CssCollectionIT {

    static final String TOPIC = "usage.tencent.css";
    static final String SECRET_ID = "AKIDcssITaccount0000000000000000";
    static final String SECRET_KEY = "css-it-secret";
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    static final List<String> DOMAINS = List.of("push.example.com", "live-push.example.com");

    /** The collector's "now", pinned so that no day boundary passes while the test runs. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final LocalDate TODAY = NOW.atOffset(BEIJING).toLocalDate();

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess("classpath:it/css-sources.yaml")
            .topic(TOPIC, 3, true)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .property("it.css.five-minute.start", midnight(TODAY.minusDays(2)).toString())
            .property("it.css.one-day.start", midnight(TODAY.minusDays(1)).toString())
            .property("it.css.domains.start", midnight(TODAY.minusDays(3)).toString())
            // up to today's Beijing midnight
            .property("it.css.settle-delay", Duration.between(midnight(TODAY), NOW).toString())
            .clock(NOW).scheduled();

    @Test
    void should_publish_every_five_minutes_of_two_beijing_days_of_the_account_once() throws Exception {
        Map<String, BigDecimal> expected = expected("all-domains", List.of(), null, midnight(TODAY.minusDays(2)),
                Duration.ofMinutes(5));

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC,
                "it-css-five-minute", expected.size(), event -> {
                    assertThat(event.path("ServiceProviderName").asText()).isEqualTo("Tencent Cloud");
                    assertThat(event.path("RegionId").asText()).isEqualTo("global");
                    assertThat(event.path("ConsumedUnit").asText()).isEqualTo("Minutes");
                    assertThat(event.path("SubAccountId").asText()).isEqualTo("100012345678");
                });

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = calls(call -> !call.parameters().containsKey("PushDomains")
                && !call.parameters().containsKey("MainlandOrOversea"));
        assertThat(calls).hasSize(2).allMatch(RecordedCall::ok);
        assertThat(calls).extracting(call -> call.parameters().get("StartTime"), call -> call.parameters().get("EndTime"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(TODAY.minusDays(2) + " 00:00:00",
                                TODAY.minusDays(2) + " 23:59:59"),
                        org.assertj.core.groups.Tuple.tuple(TODAY.minusDays(1) + " 00:00:00",
                                TODAY.minusDays(1) + " 23:59:59"));
    }

    @Test
    void should_publish_one_day_of_the_mainland_in_hourly_figures_asked_from_the_hour_before() throws Exception {
        Map<String, BigDecimal> expected = expected("all-domains", List.of(), "Mainland",
                midnight(TODAY.minusDays(1)), Duration.ofHours(1));

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC,
                "it-css-hourly-one-day", expected.size(),
                event -> assertThat(event.path("RegionId").asText()).isEqualTo("mainland"));

        assertThat(published).isEqualTo(expected);
        List<RecordedCall> calls = calls(call -> "Mainland".equals(call.parameters().get("MainlandOrOversea")));
        assertThat(calls).hasSize(1).allMatch(RecordedCall::ok);
        assertThat(calls.get(0).parameters()).containsEntry("StartTime", TODAY.minusDays(2) + " 23:00:00")
                .containsEntry("EndTime", TODAY.minusDays(1) + " 23:59:59");
    }

    @Test
    void should_publish_each_push_domain_hourly_over_three_days_under_its_own_resource() throws Exception {
        Map<String, BigDecimal> expected = new HashMap<>();
        for (String domain : DOMAINS) {
            expected.putAll(expected(domain, List.of(domain), null, midnight(TODAY.minusDays(3)), Duration.ofHours(1)));
        }

        Map<String, BigDecimal> published = IT.awaitPublished(TOPIC, "it-css-domains",
                expected.size(), event -> assertThat(DOMAINS).contains(event.path("ResourceId").asText()));

        assertThat(published).isEqualTo(expected);
        assertThat(calls(call -> call.parameters().containsKey("PushDomains"))).hasSize(2).allMatch(RecordedCall::ok);
    }

    /** The simulator's non-zero figures, keyed as published, from {@code from} to today's Beijing midnight. */
    private static Map<String, BigDecimal> expected(String resourceId, List<String> domains, String area, Instant from,
            Duration bucket) {
        CssTranscodeHandler module = new CssTranscodeHandler(IT.simulator().data());
        Map<String, BigDecimal> expected = new HashMap<>();
        for (Instant t = from; t.isBefore(midnight(TODAY)); t = t.plus(bucket)) {
            for (List<String> codec : CssTranscodeHandler.CODECS) {
                long minutes = module.minutes(SECRET_ID, domains, area, codec.get(0), codec.get(1), t, bucket);
                if (minutes > 0) {
                    String sku = codec.get(0).isEmpty() ? codec.get(1) : codec.get(0) + "/" + codec.get(1);
                    expected.put(PublishedEvents.key(resourceId, sku, "duration", bucket.toString(), t),
                            PublishedEvents.figure(minutes));
                }
            }
        }
        assertThat(expected).isNotEmpty();
        return expected;
    }

    private static List<RecordedCall> calls(java.util.function.Predicate<RecordedCall> which) {
        return IT.simulator().calls(Api.CSS_TRANSCODE).stream().filter(which).toList();
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(BEIJING).toInstant();
    }
}
