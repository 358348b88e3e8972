package io.mediausage.collector.metrics;

import io.mediausage.collector.catalog.SourceContract;
import io.mediausage.collector.api.UsageSource;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The most a healthy source's lag reaches: its settle delay (a bucket is collected only that long after it ends),
 * plus one bucket (the one still open), plus the longest gap between two runs of its schedule (the time until the
 * next run picks the settled bucket up). Above it, the source is behind. The one definition of "behind": the
 * {@code usage_lag_bound_seconds} gauge, the alert rules and the {@code status} command all use it.
 */
public final class HealthyLag {

    /** How far ahead the schedule is looked at for its longest gap: a week covers daily and weekday crons. */
    private static final Duration SCHEDULE_HORIZON = Duration.ofDays(7);
    /** Enough fire times to find the gap of any sensible cron without walking a per-second one for a week. */
    private static final int MAX_FIRE_TIMES = 2_000;

    private HealthyLag() {
    }

    /** The source's healthy lag bound, with its schedule looked at from {@code now}. */
    public static Duration bound(UsageSource source, Instant now) {
        Duration bucket = source.api().windowPolicy(source).grid().bucket();
        return source.settleDelay().plus(bucket).plus(longestScheduleGap(
                source.parameters().string(SourceContract.SCHEDULE.name()),
                source.parameters().string(SourceContract.SCHEDULE_TIME_ZONE.name()), now));
    }

    /** The longest time between two consecutive fire times of a Quartz cron in the week after {@code now}. */
    static Duration longestScheduleGap(String cron, String timeZone, Instant now) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) { // the source catalog validated it: this is a programming error
            throw new IllegalArgumentException("not a Quartz cron expression: '" + cron + "'", e);
        }
        expression.setTimeZone(TimeZone.getTimeZone(timeZone));
        Instant horizon = now.plus(SCHEDULE_HORIZON);
        Date previous = expression.getNextValidTimeAfter(Date.from(now));
        Duration longest = Duration.ZERO;
        for (int i = 0; previous != null && previous.toInstant().isBefore(horizon) && i < MAX_FIRE_TIMES; i++) {
            Date next = expression.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            Duration gap = Duration.between(previous.toInstant(), next.toInstant());
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            previous = next;
        }
        return longest;
    }
}
