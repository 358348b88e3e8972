package io.mediausage.collector.group;

import io.mediausage.collector.api.UsageSource;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the coordination topic a source belongs to: the same for every source of one credential
 * (access key), so the sources sharing a rate limiter have one owner and the limit holds across replicas. Kafka's
 * murmur2 of the key, as its default partitioner, so every replica and every version computes the same partition.
 *
 * @param count the coordination topic's partitions ({@code usage.group.partitions})
 */
public record SourcePartitions(int count) {

    public SourcePartitions {
        if (count < 1) {
            throw new IllegalArgumentException("usage.group.partitions must be at least 1, not " + count);
        }
    }

    public int of(UsageSource source) {
        byte[] credential = source.credentials().accessKeyId().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(credential)) % count;
    }
}
