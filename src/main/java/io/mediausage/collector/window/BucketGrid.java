package io.mediausage.collector.window;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The fixed grid of usage buckets an API reports on: hours or days, aligned to the API's own time zone
 * (MPS days start at midnight UTC+8, Huawei hours at whole UTC hours).
 */
public record BucketGrid(Duration bucket, ZoneOffset zone) {

    public static final ZoneOffset CHINA_STANDARD_TIME = ZoneOffset.ofHours(8);

    public static BucketGrid hourly(ZoneOffset zone) {
        return new BucketGrid(Duration.ofHours(1), zone);
    }

    public static BucketGrid daily(ZoneOffset zone) {
        return new BucketGrid(Duration.ofDays(1), zone);
    }

    public static BucketGrid fiveMinutes(ZoneOffset zone) {
        return new BucketGrid(Duration.ofMinutes(5), zone);
    }

    public BucketGrid {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(zone, "zone");
        if (bucket.isZero() || bucket.isNegative() || Duration.ofDays(1).toNanos() % bucket.toNanos() != 0) {
            throw new IllegalArgumentException("bucket must divide a day evenly: " + bucket);
        }
    }

    /** Start of the bucket that contains {@code instant}. */
    public Instant floor(Instant instant) {
        Instant localMidnight = instant.atOffset(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        long intoDay = Duration.between(localMidnight, instant).toNanos();
        return localMidnight.plusNanos(intoDay - intoDay % bucket.toNanos());
    }

    /** Start of the first bucket that begins at or after {@code instant}. */
    public Instant ceil(Instant instant) {
        Instant floor = floor(instant);
        return floor.equals(instant) ? floor : floor.plus(bucket);
    }

    public boolean isAligned(Instant instant) {
        return floor(instant).equals(instant);
    }

    public long bucketsBetween(Instant start, Instant end) {
        return Duration.between(start, end).dividedBy(bucket);
    }
}
