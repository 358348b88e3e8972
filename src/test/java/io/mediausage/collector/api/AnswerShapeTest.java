package io.mediausage.collector.api;

import static io.mediausage.collector.api.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnswerShapeTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void should_take_an_empty_array_as_no_usage() throws Exception {
        assertThat(AnswerShape.array(json.readTree("{\"Data\":[]}"), "Data", "the answer", "Act")).isEmpty();
    }

    @Test
    void should_refuse_a_missing_array_naming_the_fields_the_answer_has_instead() throws Exception {
        assertRefused(() -> AnswerShape.array(json.readTree("{\"Datas\":[],\"RequestId\":\"r\"}"), "Data",
                "the answer", "Act"), "the answer has no Data (it has Datas, RequestId)");
    }

    @Test
    void should_refuse_a_null_or_other_value_where_an_array_belongs() throws Exception {
        assertRefused(() -> AnswerShape.array(json.readTree("{\"Data\":null}"), "Data", "the answer", "Act"),
                "the answer has Data null");
        assertRefused(() -> AnswerShape.array(json.readTree("{\"Data\":{}}"), "Data", "the answer", "Act"),
                "the answer has Data '{}', not an array");
    }

    @Test
    void should_refuse_an_empty_or_non_object_body() throws Exception {
        assertRefused(() -> AnswerShape.body(MissingNode.getInstance(), "Act"), "the answer body is empty");
        assertRefused(() -> AnswerShape.body(json.readTree("null"), "Act"), "the answer body is 'null', not a JSON object");
        assertRefused(() -> AnswerShape.body(json.readTree("[1]"), "Act"), "not a JSON object");
    }

    @Test
    void should_refuse_a_blank_name() throws Exception {
        JsonNode entry = json.readTree("{\"ChannelId\":\" \",\"AdType\":3}");
        assertRefused(() -> AnswerShape.text(entry, "ChannelId", "an entry", "Act"), "an entry has ChannelId '\" \"'");
        assertRefused(() -> AnswerShape.text(entry, "AdType", "an entry", "Act"), "not a name");
    }

    @Test
    void should_accept_a_bucket_from_the_first_asked_to_before_the_end_and_refuse_others() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2026-01-01T03:00:00Z");

        assertThatCode(() -> AnswerShape.withinAsked(from, from, until, "t", "asked", "Act")).doesNotThrowAnyException();
        assertThatCode(() -> AnswerShape.withinAsked(until.minusSeconds(3600), from, until, "t", "asked", "Act"))
                .doesNotThrowAnyException();
        assertRefused(() -> AnswerShape.withinAsked(until, from, until, "time X", "from A to B", "Act"),
                "bucket time X is outside what was asked (from A to B)");
        assertRefused(() -> AnswerShape.withinAsked(from.minusSeconds(3600), from, until, "t", "a", "Act"), "outside");
    }

    @Test
    void should_name_the_request_id_once_known() {
        CloudApiException refused = AnswerShape.invalid("Act", "Data is missing");

        CloudApiException named = new CloudApiException(refused, "req-42");

        assertThat(refused.getMessage()).isEqualTo("Act failed: InvalidAnswer: Data is missing");
        assertThat(named.getMessage()).isEqualTo("Act failed: InvalidAnswer: Data is missing (RequestId req-42)");
        assertThat(named.requestId()).isEqualTo("req-42");
        assertThat(named.isRetriable()).isTrue();
        assertThat(named.api()).isEqualTo("Act");
    }
}
