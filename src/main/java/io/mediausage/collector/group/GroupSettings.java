package io.mediausage.collector.group;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code usage.group.*} settings.
 *
 * @param groupId           the consumer group every {@code run} replica joins
 * @param topic             the coordination topic: nothing is written to it, its partitions are what is owned
 * @param partitions        how the sources are divided up
 * @param instanceId        static membership: a replica that comes back under the same id within the session
 *                          timeout gets its partitions back without a rebalance
 * @param sessionTimeout    how long a silent replica keeps its partitions
 * @param heartbeatInterval how often a replica tells the group it is alive
 * @param releaseTimeout    how long a revoked partition's runs may take to finish their windows in flight
 */
public record GroupSettings(String groupId, String topic, SourcePartitions partitions, Optional<String> instanceId,
        Duration sessionTimeout, Duration heartbeatInterval, Duration releaseTimeout) {
}
