package io.mediausage.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Reading the figures of an API answer, the same way for every API. */
public final class AnswerFigures {

    private AnswerFigures() {
    }

    /**
     * A figure of an answer: a JSON number, or a numeric string. Anything else, a missing figure included, makes the
     * answer unusable (and worth asking again) rather than being published as zero.
     */
    public static BigDecimal quantity(JsonNode value, String field, String action) {
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
        throw new CloudApiException(action, "InvalidAnswer", field + " is " + (value.isMissingNode() ? "missing"
                : "'" + value + "'") + ", not a number", null, true);
    }
}
