package io.mediausage.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.event.UsageMeasurement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the figures of an API answer, the same way for every API. */
public final class AnswerFigures {

    private AnswerFigures() {
    }

    /**
     * A figure of an answer: a JSON number, or a numeric string, never negative (usage does not run backwards).
     * Anything else, a missing figure included, makes the answer unusable (and worth asking again) rather than being
     * published as zero.
     */
    public static BigDecimal quantity(JsonNode value, String field, String action) {
        BigDecimal quantity = number(value, field, action);
        if (quantity.signum() < 0) {
            throw AnswerShape.invalid(action, field + " is " + AnswerShape.shown(value) + ", a negative figure");
        }
        return quantity;
    }

    /**
     * A figure the document types as an integer (plays, tasks, impressions, bytes...): a {@link #quantity} that is
     * also whole. {@code 3.0} is whole; {@code 2.5} plays is not a count.
     */
    public static BigDecimal count(JsonNode value, String field, String action) {
        BigDecimal count = quantity(value, field, action);
        if (count.stripTrailingZeros().scale() > 0) {
            throw AnswerShape.invalid(action, field + " is " + AnswerShape.shown(value) + ", not a whole count");
        }
        return count;
    }

    /**
     * The measurements of one answer with each (period, resource, SKU, metric) once: a bucket listed twice with the
     * same figure is published once; with different figures the answer cannot say which is true and is refused.
     */
    public static List<UsageMeasurement> once(List<UsageMeasurement> measurements, String action) {
        Map<List<Object>, UsageMeasurement> seen = new LinkedHashMap<>();
        for (UsageMeasurement m : measurements) {
            UsageMeasurement earlier = seen.putIfAbsent(
                    List.of(m.periodStart(), m.granularity(), m.resourceId(), m.skuId(), m.metric()), m);
            if (earlier != null && earlier.quantity().compareTo(m.quantity()) != 0) {
                throw AnswerShape.invalid(action, "bucket " + m.periodStart() + " of " + m.resourceId() + " "
                        + m.skuId() + " " + m.metric() + " is listed twice, with " + earlier.quantity().toPlainString()
                        + " and " + m.quantity().toPlainString());
            }
        }
        return new ArrayList<>(seen.values());
    }

    private static BigDecimal number(JsonNode value, String field, String action) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw AnswerShape.invalid(action, field + " is " + (value.isMissingNode() ? "missing"
                : AnswerShape.shown(value)) + ", not a number");
    }
}
