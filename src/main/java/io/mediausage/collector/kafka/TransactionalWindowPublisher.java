package io.mediausage.collector.kafka;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.checkpoint.BackfillCheckpoint;
import io.mediausage.collector.checkpoint.Checkpoint;
import io.mediausage.collector.checkpoint.KafkaCheckpointStore;
import io.mediausage.collector.task.WindowPart;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.event.UsageEvent;
import io.mediausage.collector.group.SourceNotOwnedException;
import io.mediausage.collector.group.SourcePartitions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a window's events (body), the gaps of its failed items opened and those its collected items close, and
 * the source's new checkpoint (and its backfill's, in a backfill) in one Kafka transaction: a {@code read_committed}
 * subscriber sees the whole window or none of it, and the checkpoints move exactly when the window's events are
 * committed. A crash mid-window leaves an open transaction, which the next start aborts ({@code initTransactions}
 * with the same transactional id).
 *
 * <p>Every partition of the group ({@link SourcePartitions}, by credential) has its own transactional producer
 * ("lane"), id {@code <usage.kafka.transactional-id>-p<n>}, the same on every replica and after a restart: lanes
 * commit side by side, the windows of one credential one at a time. A member of the group opens a lane when it takes
 * its partition over: the producer's {@code initTransactions()} fences the former owner,
 * then the partition's checkpoints are read again. A window of a partition this replica does not own fails
 * ({@link SourceNotOwnedException}); a lane fenced by another collector is not reopened until its partition is taken
 * again, so a replica that wakes up after its partitions moved publishes nothing. A wide window comes in parts
 * ({@link WindowPart}) streamed into its open transaction, which holds the lane until it is committed or aborted.
 */
public final class TransactionalWindowPublisher implements Processor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWindowPublisher.class);

    /**
     * How the lanes are held.
     *
     * @param transactionalId     {@code usage.kafka.transactional-id}, the prefix of every lane's id
     * @param partitions          the group's partitions
     * @param transactionTimeout  {@code usage.kafka.transaction-timeout}
     * @param onDemand            true for a one-shot command, which opens a lane on first use; false for a member
     *                            of the group, whose lanes are opened as it takes their partitions over
     * @param movesSourceCheckpoints false for a one-shot command beside a running group, which publishes its windows
     *                            and its backfill checkpoint but leaves the sources' checkpoints to their owners
     */
    public record Lanes(String transactionalId, SourcePartitions partitions, Duration transactionTimeout,
            boolean onDemand, boolean movesSourceCheckpoints) {

        String id(int partition) {
            return transactionalId + "-p" + partition;
        }
    }

    private final Supplier<Properties> clientProperties;
    private final Supplier<Lanes> lanesSettings;
    private final KafkaCheckpointStore checkpoints;
    private final UsageEventRecords records;
    private final Map<Integer, Lane> lanes = new ConcurrentHashMap<>();
    private volatile Lanes settings;

    /** @param lanesSettings read on first use, once the configuration is loaded */
    public TransactionalWindowPublisher(Supplier<Properties> clientProperties, Supplier<Lanes> lanesSettings,
            KafkaCheckpointStore checkpoints, UsageEventRecords records) {
        this.clientProperties = clientProperties;
        this.lanesSettings = lanesSettings;
        this.checkpoints = checkpoints;
        this.records = records;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        WindowTask task = exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
        WindowPart part = exchange.getProperty(UsageExchange.WINDOW_PART, WindowPart.WHOLE, WindowPart.class);
        Lane lane = lane(task);
        if (part == WindowPart.WHOLE || part == WindowPart.FIRST) {
            lane.lock.lock(); // held until the window's transaction is committed or aborted
        } else if (!lane.lock.isHeldByCurrentThread()) {
            if (part == WindowPart.ABORT) {
                return; // already aborted, by the failure of one of its parts
            }
            throw new IllegalStateException(part + " part of " + task + " without its open transaction");
        }
        boolean ends = part == WindowPart.WHOLE || part == WindowPart.LAST || part == WindowPart.ABORT;
        try {
            publish(exchange, task, part, lane);
        } catch (RuntimeException e) {
            ends = true;
            throw e;
        } finally {
            if (ends) {
                lane.lock.unlock();
            }
        }
    }

    private Lanes settings() {
        Lanes read = settings;
        if (read == null) {
            synchronized (this) {
                if (settings == null) {
                    settings = lanesSettings.get();
                }
                read = settings;
            }
        }
        return read;
    }

    /** The lane of the window's source, the same for every source of one credential. */
    private Lane lane(WindowTask task) {
        Lanes configured = settings();
        int partition = configured.partitions().of(task.source());
        Lane lane = configured.onDemand() ? lanes.computeIfAbsent(partition, Lane::new) : lanes.get(partition);
        if (lane == null) {
            throw new SourceNotOwnedException("source '" + task.source().name() + "' belongs to partition " + partition
                    + ", which this replica does not own (handed over to another)");
        }
        return lane;
    }

    /** Opens the partition's lane: its producer's {@code initTransactions()} fences the former owner. */
    public void open(int partition) {
        Lane lane = new Lane(partition);
        lane.producer();
        Lane former = lanes.put(partition, lane);
        if (former != null) {
            former.close(Duration.ZERO);
        }
    }

    /**
     * Closes the partition's lane.
     *
     * @param lost true when the group took it away: a window still committing on it fails
     */
    public void close(int partition, boolean lost) {
        Lane lane = lanes.remove(partition);
        if (lane != null) {
            lane.close(lost ? Duration.ZERO : Duration.ofSeconds(10));
        }
    }

    @SuppressWarnings("unchecked")
    private void publish(Exchange exchange, WindowTask task, WindowPart part, Lane lane) throws Exception {
        if (part == WindowPart.ABORT) {
            lane.abandon(null);
            return;
        }
        KafkaProducer<String, String> transactional = lane.producer();
        String topic = exchange.getProperty(UsageExchange.TOPIC, String.class);
        List<UsageEvent> events = exchange.getMessage().getMandatoryBody(List.class);
        try {
            if (part == WindowPart.WHOLE || part == WindowPart.FIRST) {
                transactional.beginTransaction();
            }
            events.forEach(event -> transactional.send(records.record(topic, event)));
            if (part == WindowPart.WHOLE || part == WindowPart.LAST) {
                commit(exchange, task, transactional);
            }
        } catch (RuntimeException e) {
            lane.abandon(e);
            throw e;
        }
    }

    /** Adds the window's gaps and checkpoints to its transaction and commits it. */
    private void commit(Exchange exchange, WindowTask task, KafkaProducer<String, String> transactional) {
        String source = task.source().name();
        boolean repair = task.repairedItem().isPresent(); // a gap repair collects one item: no checkpoint moves
        Optional<Checkpoint> checkpoint = repair || !settings().movesSourceCheckpoints() ? Optional.empty() : Checkpoint.after(source, task.source().start(),
                checkpoints.collectedUntil(source), task.window());
        Optional<BackfillCheckpoint> backfillCheckpoint = task.backfill().map(range -> BackfillCheckpoint.after(
                range.checkpointName(), checkpoints.backfill(range.checkpointName()), task.window()));
        ItemGaps gaps = ItemGaps.of(exchange, checkpoints.gaps(source), repair);
        gaps.opened().forEach(gap -> transactional.send(checkpoints.record(gap)));
        gaps.closed().forEach(gap -> transactional.send(checkpoints.closing(gap)));
        checkpoint.ifPresent(next -> transactional.send(checkpoints.record(next)));
        backfillCheckpoint.ifPresent(next -> transactional.send(checkpoints.record(next)));
        transactional.commitTransaction();
        checkpoints.gapsCommitted(gaps.opened(), gaps.closed());
        checkpoint.ifPresent(checkpoints::committed);
        backfillCheckpoint.ifPresent(checkpoints::committed);
    }

    @Override
    public void close() {
        lanes.values().forEach(lane -> lane.close(Duration.ofSeconds(10)));
        lanes.clear();
    }

    /**
     * One transactional producer, created when the lane opens, and replaced after a failure it cannot go on from;
     * once fenced by another collector, closed for good.
     */
    private final class Lane {

        private final int partition;
        private final String id;
        /** Held by the thread publishing a window, from its transaction's begin to its commit or abort. */
        private final ReentrantLock lock = new ReentrantLock();
        private KafkaProducer<String, String> producer;
        private String closedBecause;

        Lane(int partition) {
            this.partition = partition;
            this.id = settings().id(partition);
        }

        /**
         * Aborts the open transaction; a producer that cannot go on (broken) is replaced next time, one fenced by
         * another collector is closed for good.
         *
         * @param failure why, or null when the window is given up for a failure of its own
         */
        synchronized void abandon(RuntimeException failure) {
            if (producer == null) {
                return;
            }
            if (failure instanceof ProducerFencedException) {
                closedBecause = "transactional id " + id + " was taken over by another collector";
                LOG.warn("Partition {}: {}; this replica publishes nothing more of it", partition, closedBecause);
            } else if (!(failure instanceof OutOfOrderSequenceException || failure instanceof AuthorizationException)) {
                try {
                    producer.abortTransaction();
                    return;
                } catch (KafkaException abortFailed) {
                    LOG.warn("Cannot abort the window's transaction ({}); the producer is recreated",
                            abortFailed.getMessage());
                }
            }
            producer.close(Duration.ZERO);
            producer = null;
        }

        synchronized KafkaProducer<String, String> producer() {
            if (closedBecause != null) {
                throw new SourceNotOwnedException("partition " + partition + ": " + closedBecause);
            }
            if (producer == null) {
                Properties properties = clientProperties.get();
                properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
                properties.put(ProducerConfig.ACKS_CONFIG, "all");
                properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                // a wide window's transaction stays open while its calls are made
                properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        String.valueOf(settings().transactionTimeout().toMillis()));
                KafkaProducer<String, String> created = new KafkaProducer<>(properties, new StringSerializer(),
                        new StringSerializer());
                try {
                    created.initTransactions();
                } catch (RuntimeException e) {
                    created.close(Duration.ZERO);
                    throw e;
                }
                producer = created;
            }
            return producer;
        }

        /** Closes the lane; a window still committing on it fails, and nothing more is published on it. */
        synchronized void close(Duration timeout) {
            closedBecause = "handed over";
            if (producer != null) {
                producer.close(timeout);
                producer = null;
            }
        }
    }
}
