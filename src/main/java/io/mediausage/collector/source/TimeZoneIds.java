package io.mediausage.collector.source;

import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

/** The check of a time zone id, shared by the sources' {@code scheduleTimeZone} and the global default. */
public final class TimeZoneIds {

    private TimeZoneIds() {
    }

    /**
     * Why a time zone id will not do, if it will not. Quartz reads it with {@link TimeZone#getTimeZone(String)},
     * which takes an unknown id for GMT without a word: that is what is checked here.
     */
    public static Optional<String> problem(String zone) {
        if (!"GMT".equals(zone) && "GMT".equals(TimeZone.getTimeZone(zone).getID())) {
            return Optional.of("'" + zone + "' is not a time zone" + Suggestions.didYouMean(zone,
                    Set.of(TimeZone.getAvailableIDs())) + " (an id such as UTC, Asia/Shanghai or GMT+08:00)");
        }
        return Optional.empty();
    }
}
