package io.mediausage.collector.app;

import io.mediausage.collector.checkpoint.KafkaCheckpointStore;
import io.mediausage.collector.group.PartitionHandover;
import io.mediausage.collector.group.SourcePartitions;
import io.mediausage.collector.kafka.TransactionalWindowPublisher;
import io.mediausage.collector.metrics.UsageMetrics;
import io.mediausage.collector.catalog.SourceCatalog;
import io.mediausage.collector.api.UsageSource;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica taking a partition over: fence the former owner (the partition's producer), then read its sources'
 * checkpoints as that owner last committed them; and letting it go: close the producer and drop the sources' lag
 * gauges, which the new owner reports.
 */
record PartitionTakeover(TransactionalWindowPublisher publisher, KafkaCheckpointStore checkpoints,
        SourceCatalog catalog, SourcePartitions partitions, UsageMetrics metrics, CamelContext context)
        implements PartitionHandover {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionTakeover.class);

    @Override
    public Set<Integer> take(Set<Integer> partitions) {
        Set<Integer> taken = new TreeSet<>();
        for (int partition : partitions) {
            try {
                publisher.open(partition);
                taken.add(partition);
            } catch (RuntimeException e) {
                LOG.warn("Cannot take partition {} over yet: {}", partition, e.getMessage());
            }
        }
        // one read of the checkpoint topic for every partition taken
        checkpoints.reload(taken.stream().flatMap(partition -> sourcesOf(partition).stream())
                .collect(Collectors.toSet()));
        return taken;
    }

    @Override
    public void letGo(int partition, boolean lost) {
        publisher.close(partition, lost);
        metrics.forget(context, sourcesOf(partition));
    }

    private Set<String> sourcesOf(int partition) {
        return catalog.all().stream().filter(source -> partitions.of(source) == partition).map(UsageSource::name)
                .collect(Collectors.toSet());
    }
}
