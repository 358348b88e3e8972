package io.mediausage.collector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an answer must hold before its figures are read, the same way for every API: each API names the fields its
 * document says carry the figures, and an answer without them is refused rather than read as "no usage". A refused
 * answer is the API's error {@code InvalidAnswer}, retriable: a bad answer may come from a bad replica, and when the
 * attempts run out the window fails and publishes nothing.
 */
public final class AnswerShape {

    public static final String INVALID_ANSWER = "InvalidAnswer";

    private static final int SHOWN_CHARS = 60;

    private AnswerShape() {
    }

    /** The error for an answer that is not what the document describes; {@code message} says what is wrong. */
    public static CloudApiException invalid(String action, String message) {
        return new CloudApiException(action, INVALID_ANSWER, message, null, true);
    }

    /**
     * The answer's body as JSON: a body cut short, or not JSON at all, is refused like any other bad answer, naming the
     * request's id where the headers gave one.
     */
    public static JsonNode parse(ObjectMapper json, String body, String action, String requestId) {
        try {
            return json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new CloudApiException(action, INVALID_ANSWER, "answer is not complete JSON: "
                    + e.getOriginalMessage(), requestId, true);
        }
    }

    /** The answer itself must be a JSON object: an empty body or {@code null} is not "no usage". */
    public static JsonNode body(JsonNode answer, String action) {
        if (answer == null || answer.isMissingNode()) {
            throw invalid(action, "the answer body is empty");
        }
        if (!answer.isObject()) {
            throw invalid(action, "the answer body is " + shown(answer) + ", not a JSON object");
        }
        return answer;
    }

    /**
     * A field that must hold an array, possibly empty (an empty array is how the documents say "no usage"); missing,
     * null or another type refuses the answer.
     */
    public static JsonNode array(JsonNode parent, String field, String where, String action) {
        JsonNode value = present(parent, field, where, action);
        if (!value.isArray()) {
            throw invalid(action, where + " has " + field + " " + shown(value) + ", not an array");
        }
        return value;
    }

    /** A field that must hold a JSON object. */
    public static JsonNode object(JsonNode parent, String field, String where, String action) {
        JsonNode value = present(parent, field, where, action);
        if (!value.isObject()) {
            throw invalid(action, where + " has " + field + " " + shown(value) + ", not an object");
        }
        return value;
    }

    /** A field that must hold a non-blank string (an identity: a specification, a channel, an ad type). */
    public static String text(JsonNode parent, String field, String where, String action) {
        JsonNode value = present(parent, field, where, action);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(action, where + " has " + field + " " + shown(value) + ", not a name");
        }
        return value.asText();
    }

    /** A field that must be there and not null; what it must be is for the caller to check. */
    public static JsonNode present(JsonNode parent, String field, String where, String action) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode()) {
            throw invalid(action, where + " has no " + field + fieldsOf(parent));
        }
        if (value.isNull()) {
            throw invalid(action, where + " has " + field + " null");
        }
        return value;
    }

    /**
     * A bucket must lie in what was asked, {@code [from, until)} as the API's document reads the request: a bucket
     * the request did not cover is a wrong answer, not a neighbour's figure to drop. Buckets inside the request but
     * outside the window (the end bucket of an inclusive-end API) are the caller's to filter.
     */
    public static void withinAsked(Instant bucket, Instant from, Instant until, String time, String asked,
            String action) {
        if (bucket.isBefore(from) || !bucket.isBefore(until)) {
            throw invalid(action, "bucket " + time + " is outside what was asked (" + asked + ")");
        }
    }

    /** How a value is shown in an error: short, so that a mangled answer cannot flood a log line. */
    static String shown(JsonNode value) {
        if (value.isMissingNode()) {
            return "missing";
        }
        String text = value.toString();
        return "'" + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text) + "'";
    }

    /** The fields an object has instead, to tell a renamed field from a dropped one. */
    private static String fieldsOf(JsonNode parent) {
        if (!parent.isObject()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        parent.fieldNames().forEachRemaining(names::add);
        return " (it has " + (names.isEmpty() ? "no fields" : String.join(", ", names)) + ")";
    }
}
