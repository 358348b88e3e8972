package io.mediausage.collector.api.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.window.BucketGrid;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The time formats of the Tencent usage APIs, which speak UTC+8 local time. */
final class TencentTimes {

    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter ISO_HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHXXX");
    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TencentTimes() {
    }

    /** e.g. 2019-07-02T00:00:00+08:00, as in the documents' examples. */
    static String isoAtChinaOffset(Instant instant) {
        return instant.atOffset(BucketGrid.CHINA_STANDARD_TIME).format(ISO_SECONDS);
    }

    /** The hour form of the SSAI document, e.g. 2026-02-10T00+08:00. */
    static String isoHourAtChinaOffset(Instant instant) {
        return instant.atOffset(BucketGrid.CHINA_STANDARD_TIME).format(ISO_HOUR);
    }

    /** The UTC+8 calendar day an instant falls on. */
    static LocalDate chinaDate(Instant instant) {
        return instant.atOffset(BucketGrid.CHINA_STANDARD_TIME).toLocalDate();
    }

    /** The instant a UTC+8 calendar day starts. */
    static Instant chinaMidnight(LocalDate day) {
        return day.atStartOfDay(BucketGrid.CHINA_STANDARD_TIME).toInstant();
    }

    /**
     * Parses a UTC+8 local time in the form {@code YYYY-MM-DD HH:mm:ss} (TRTC's TimeKey), or null when the text is
     * not one.
     */
    static Instant chinaLocalSecondsOrNull(String text) {
        try {
            return LocalDateTime.parse(text, LOCAL_SECONDS).toInstant(BucketGrid.CHINA_STANDARD_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Parses a bucket's Time and insists it is a bucket start in UTC+8, the offset the Tencent usage APIs answer in:
     * a Time in another offset (a server answering in UTC) would otherwise be published hours off.
     */
    static Instant bucketStart(JsonNode time, BucketGrid grid, String action) {
        if (!time.isTextual()) {
            throw AnswerShape.invalid(action, "bucket Time is " + (time.isMissingNode() ? "missing" : time.toString())
                    + ", not an ISO-8601 date-time");
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(time.asText());
        } catch (DateTimeParseException e) {
            throw AnswerShape.invalid(action, "bucket Time '" + time.asText() + "' is not an ISO-8601 date-time");
        }
        if (!parsed.getOffset().equals(BucketGrid.CHINA_STANDARD_TIME)) {
            throw AnswerShape.invalid(action, "bucket Time '" + time.asText() + "' is not in UTC+08:00, the offset "
                    + "the API answers in");
        }
        Instant instant = parsed.toInstant();
        if (!grid.isAligned(instant)) {
            throw AnswerShape.invalid(action, "bucket Time '" + time.asText() + "' is not the start of a "
                    + grid.bucket() + " bucket");
        }
        return instant;
    }

    /** A StartTime or EndTime the collector sent (ISO-8601 with an offset), to tell what an answer may hold. */
    static Instant asked(JsonNode payload, String field) {
        return OffsetDateTime.parse(payload.path(field).asText()).toInstant();
    }
}
