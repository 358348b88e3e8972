package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CssTranscodeApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.of(SimFixture.config());

    JsonNode css(String body) {
        return SIM.client().tencent(Api.CSS_TRANSCODE, ID, KEY).body(body).response();
    }

    @Test
    void should_answer_five_minute_entries_in_beijing_time_for_a_query_within_one_day_end_included() {
        JsonNode r = css("{\"StartTime\":\"2024-03-09 10:00:00\",\"EndTime\":\"2024-03-09 10:10:00\"}");

        assertThat(r.get("Error")).isNull();
        assertThat(r.get("DataInfoList")).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.get("Time").asText()).isIn("2024-03-09 10:00:00", "2024-03-09 10:05:00",
                    "2024-03-09 10:10:00");
            assertThat(entry.get("Duration").isIntegralNumber()).isTrue();
        });
        assertThat(r.get("DataInfoList")).anySatisfy(entry ->
                assertThat(entry.get("Time").asText()).isEqualTo("2024-03-09 10:10:00"));
    }

    @Test
    void should_answer_hourly_entries_each_the_sum_of_its_five_minute_figures_across_days() {
        JsonNode r = css("{\"StartTime\":\"2024-03-08T15:00:00Z\",\"EndTime\":\"2024-03-09 01:00:00\"}");
        CssTranscodeHandler module = new CssTranscodeHandler(SIM.data());

        assertThat(r.get("DataInfoList")).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.get("Time").asText()).matches("2024-03-0[89] \\d\\d:00:00");
            Instant hour = java.time.LocalDateTime.parse(entry.get("Time").asText().replace(' ', 'T'))
                    .toInstant(UsageDataModel.UTC8);
            long fiveMinuteSum = 0;
            for (int i = 0; i < 12; i++) {
                fiveMinuteSum += module.minutes(ID, null, null, entry.get("ModuleCodec").asText(),
                        entry.get("Resolution").asText(), hour.plus(Duration.ofMinutes(5L * i)), Duration.ofMinutes(5));
            }
            assertThat(entry.get("Duration").asLong()).isEqualTo(fiveMinuteSum);
        });
    }

    @Test
    void should_answer_hourly_entries_when_push_domains_are_given_even_within_one_day() {
        JsonNode r = css("{\"StartTime\":\"2024-03-09 10:00:00\",\"EndTime\":\"2024-03-09 12:00:00\","
                + "\"PushDomains\":[\"push.example.com\"],\"MainlandOrOversea\":\"Oversea\"}");

        assertThat(r.get("DataInfoList")).isNotEmpty().allSatisfy(entry ->
                assertThat(entry.get("Time").asText()).endsWith(":00:00"));
    }

    @Test
    void should_accept_the_last_three_months_and_refuse_a_start_before_them_an_unknown_area_and_another_time_form() {
        assertThat(css("{\"StartTime\":\"2024-01-01 00:00:00\",\"EndTime\":\"2024-03-09 00:00:00\"}")
                .path("Error").path("Code").asText()).isEmpty();
        assertThat(css("{\"StartTime\":\"2023-12-01 00:00:00\",\"EndTime\":\"2024-03-09 00:00:00\"}")
                .path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(css("{\"StartTime\":\"2024-03-01 00:00:00\",\"EndTime\":\"2024-03-02 00:00:00\","
                + "\"MainlandOrOversea\":\"Global\"}").path("Error").path("Code").asText())
                .isEqualTo("InvalidParameterValue");
        assertThat(css("{\"StartTime\":\"2024/03/01\",\"EndTime\":\"2024-03-02 00:00:00\"}")
                .path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue");
    }
}
