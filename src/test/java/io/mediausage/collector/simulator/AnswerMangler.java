package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Alters a correct success answer as a {@code FaultKind.ANSWER_*} says, the way a bad replica might answer. Each API's
 * answer has its array of buckets, its first bucket, a figure and (for some) a count and a bucket time; an answer with
 * no bucket to alter (no usage in the asked span) is left as it is, so a test that needs the mangle asks for a span
 * with usage.
 */
final class AnswerMangler {

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final DateTimeFormatter TIME_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AnswerMangler() {
    }

    /**
     * Mangles {@code answer} in place: for Tencent the fields of {@code Response}, for Huawei the body. The empty and
     * null bodies of Huawei are the caller's to send.
     *
     * @param askedStart the start the request asked for, to place a bucket before it
     */
    static void mangle(FaultKind kind, Api api, ObjectNode answer, Instant askedStart) {
        Shape shape = Shape.of(api, answer);
        if (kind == FaultKind.ANSWER_WITHOUT_ARRAY || kind == FaultKind.ANSWER_ARRAY_RENAMED) {
            JsonNode array = shape.holder.remove(shape.arrayName);
            if (kind == FaultKind.ANSWER_ARRAY_RENAMED) {
                shape.holder.set(shape.arrayName + "_renamed", array);
            }
            return;
        }
        ObjectNode bucket = shape.firstBucket();
        if (bucket == null) {
            return;
        }
        switch (kind) {
            case ANSWER_DUPLICATE_BUCKET -> shape.bucketList().add(bucket.deepCopy());
            case ANSWER_DUPLICATE_BUCKET_OTHER_FIGURE -> {
                ObjectNode twin = bucket.deepCopy();
                shape.changeFigure(twin, value -> value.add(BigDecimal.ONE));
                shape.bucketList().add(twin);
            }
            case ANSWER_NEGATIVE_FIGURE -> shape.changeFigure(bucket, value -> value.negate().subtract(BigDecimal.ONE));
            case ANSWER_FRACTIONAL_COUNT -> bucket.put(shape.countField, bucket.path(shape.countField).decimalValue()
                    .add(HALF));
            case ANSWER_WRONG_OFFSET -> shape.writeTimeInWrongOffset(bucket);
            case ANSWER_BUCKET_OUTSIDE_ASKED -> {
                ObjectNode early = bucket.deepCopy();
                shape.setTime(early, api == Api.HUAWEI_TRANSCODE ? askedStart.minus(Duration.ofHours(1))
                        : askedStart.minus(Duration.ofDays(1)));
                shape.bucketList().add(early);
            }
            case ANSWER_NULL_COUNTER -> bucket.putNull("Impression");
            case ANSWER_COUNTER_RENAMED -> bucket.set("Impressions", bucket.remove("Impression"));
            default -> throw new IllegalArgumentException(kind + " does not mangle an answer");
        }
    }

    /** Where an API's answer keeps what the mangles alter. */
    private static final class Shape {
        final Api api;
        final ObjectNode holder;
        final String arrayName;
        final String countField;

        private Shape(Api api, ObjectNode holder, String arrayName, String countField) {
            this.api = api;
            this.holder = holder;
            this.arrayName = arrayName;
            this.countField = countField;
        }

        static Shape of(Api api, ObjectNode answer) {
            return switch (api) {
                case MPS_USAGE -> new Shape(api, answer, "Data", "Count");
                case TRTC_USAGE -> new Shape(api, answer, "UsageList", null);
                case VOD_PLAY_STATS -> new Shape(api, answer, "PlayStatInfoSet", "PlayTimes");
                case SSAI_USAGE -> new Shape(api, (ObjectNode) answer.path("Info"), "UsageDetails",
                        "Impression");
                case HUAWEI_TRANSCODE -> new Shape(api, answer, "transcode_data_list", null);
                case CSS_TRANSCODE -> new Shape(api, answer, "DataInfoList", null);
                default -> throw new IllegalArgumentException("no mangled answers are written for " + api);
            };
        }

        /** The array the first bucket is in: for MPS a spec's Data, for the others the array of buckets itself. */
        ArrayNode bucketList() {
            if (api == Api.MPS_USAGE) {
                for (JsonNode task : holder.path(arrayName)) {
                    for (JsonNode detail : task.path("Details")) {
                        if (!detail.path("Data").isEmpty()) {
                            return (ArrayNode) detail.path("Data");
                        }
                    }
                }
                return null;
            }
            return (ArrayNode) holder.path(arrayName);
        }

        /** The first bucket that has a figure (Huawei lists every hour, some with no spec). */
        ObjectNode firstBucket() {
            ArrayNode list = bucketList();
            if (list == null) {
                return null;
            }
            for (JsonNode bucket : list) {
                if (api != Api.HUAWEI_TRANSCODE || !bucket.path("spec_list").isEmpty()) {
                    return (ObjectNode) bucket;
                }
            }
            return null;
        }

        void changeFigure(ObjectNode bucket, java.util.function.UnaryOperator<BigDecimal> change) {
            switch (api) {
                case MPS_USAGE -> bucket.put("Usage", change.apply(bucket.path("Usage").decimalValue()));
                case TRTC_USAGE -> {
                    ArrayNode values = (ArrayNode) bucket.path("UsageValue");
                    values.set(0, values.numberNode(change.apply(values.get(0).decimalValue())));
                }
                case VOD_PLAY_STATS -> bucket.put("PlayTimes", change.apply(bucket.path("PlayTimes").decimalValue()));
                case SSAI_USAGE -> bucket.put("AdRequestSuccess",
                        change.apply(bucket.path("AdRequestSuccess").decimalValue()));
                case HUAWEI_TRANSCODE -> {
                    ObjectNode spec = (ObjectNode) bucket.path("spec_list").get(0);
                    spec.put("value", change.apply(spec.path("value").decimalValue()));
                }
                case CSS_TRANSCODE -> bucket.put("Duration", change.apply(bucket.path("Duration").decimalValue()));
            }
        }

        void writeTimeInWrongOffset(ObjectNode bucket) {
            switch (api) {
                case MPS_USAGE, VOD_PLAY_STATS -> bucket.put("Time", bucket.path("Time").asText()
                        .replace("+08:00", "Z"));
                case TRTC_USAGE -> {
                    Instant start = LocalDateTime.parse(bucket.path("TimeKey").asText(), TIME_KEY)
                            .toInstant(UsageDataModel.UTC8);
                    bucket.put("TimeKey", start.atOffset(ZoneOffset.UTC).format(TIME_KEY));
                }
                case HUAWEI_TRANSCODE -> bucket.put("time", bucket.path("time").asText().replace("Z", "+08:00"));
                default -> throw new IllegalArgumentException(api + " answers have no bucket time");
            }
        }

        void setTime(ObjectNode bucket, Instant start) {
            switch (api) {
                case MPS_USAGE -> bucket.put("Time", LocalDate.ofInstant(start, UsageDataModel.UTC8).atStartOfDay()
                        .atOffset(UsageDataModel.UTC8).format(CloudApiSimulator.TENCENT_TIME));
                case VOD_PLAY_STATS -> bucket.put("Time", OffsetDateTime.ofInstant(start, UsageDataModel.UTC8)
                        .format(CloudApiSimulator.TENCENT_TIME));
                case TRTC_USAGE -> bucket.put("TimeKey", start.atOffset(UsageDataModel.UTC8).format(TIME_KEY))
                        .put("TimeStampKey", start.getEpochSecond());
                case HUAWEI_TRANSCODE -> bucket.put("time", CloudApiSimulator.HUAWEI_TIME.format(start));
                case CSS_TRANSCODE -> bucket.put("Time", start.atOffset(UsageDataModel.UTC8).format(TIME_KEY));
                default -> throw new IllegalArgumentException(api + " answers have no bucket time");
            }
        }
    }
}
