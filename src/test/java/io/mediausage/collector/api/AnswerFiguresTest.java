package io.mediausage.collector.api;

import static io.mediausage.collector.api.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mediausage.collector.event.UsageMeasurement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFiguresTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Instant HOUR = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void should_read_a_number_or_a_numeric_string_as_a_quantity() {
        assertThat(AnswerFigures.quantity(JSON.numberNode(2.5), "value", "Act")).isEqualByComparingTo("2.5");
        assertThat(AnswerFigures.quantity(JSON.textNode(" 7 "), "value", "Act")).isEqualByComparingTo("7");
        assertThat(AnswerFigures.quantity(JSON.numberNode(0), "value", "Act")).isEqualByComparingTo("0");
    }

    @Test
    void should_refuse_a_missing_null_or_text_figure() {
        assertRefused(() -> AnswerFigures.quantity(MissingNode.getInstance(), "value", "Act"), "Act failed",
                "value is missing, not a number");
        assertRefused(() -> AnswerFigures.quantity(JSON.nullNode(), "value", "Act"), "value is 'null'");
        assertRefused(() -> AnswerFigures.quantity(JSON.textNode("many"), "value", "Act"), "'\"many\"'");
    }

    @Test
    void should_refuse_a_negative_figure() {
        assertRefused(() -> AnswerFigures.quantity(JSON.numberNode(-0.01), "value", "Act"),
                "value is '-0.01', a negative figure");
        assertRefused(() -> AnswerFigures.count(JSON.numberNode(-3), "PlayTimes", "Act"), "negative");
    }

    @Test
    void should_take_a_whole_count_and_refuse_a_fraction_of_one() {
        assertThat(AnswerFigures.count(JSON.numberNode(3), "PlayTimes", "Act")).isEqualByComparingTo("3");
        assertThat(AnswerFigures.count(JSON.numberNode(3.0), "PlayTimes", "Act")).isEqualByComparingTo("3");
        assertRefused(() -> AnswerFigures.count(JSON.numberNode(2.5), "PlayTimes", "Act"),
                "PlayTimes is '2.5', not a whole count");
    }

    @Test
    void should_keep_a_bucket_listed_twice_with_the_same_figure_once() {
        List<UsageMeasurement> once = AnswerFigures.once(List.of(m("a", "3"), m("b", "3"), m("a", "3.0")), "Act");

        assertThat(once).extracting(UsageMeasurement::resourceId).containsExactly("a", "b");
    }

    @Test
    void should_refuse_a_bucket_listed_twice_with_different_figures() {
        assertRefused(() -> AnswerFigures.once(List.of(m("a", "3"), m("a", "4")), "Act"),
                "bucket 2026-01-01T00:00:00Z of a SKU plays is listed twice, with 3 and 4");
    }

    private static UsageMeasurement m(String resource, String quantity) {
        return new UsageMeasurement(HOUR, Duration.ofHours(1), resource, "SKU", "plays", new BigDecimal(quantity),
                "Plays");
    }
}
