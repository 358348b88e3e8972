package io.mediausage.collector.kafka;

import io.mediausage.collector.api.UsageSource;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
 * again, so a replica that wakes up after its partitions moved publishes nothing.
 *
 * <p>A lane commits the whole windows that are ready together, one transaction for the windows of several sources
 * (a group commit: many sources on one credential, or on credentials of one partition, do not queue for a transaction
 * each). A wide window comes in parts ({@link WindowPart}) streamed into a transaction of its own, which holds the
 * lane until it is committed or aborted.
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
    public void process(Exchange exchange) throws Exception {
        WindowTask task = exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
        WindowPart part = exchange.getProperty(UsageExchange.WINDOW_PART, WindowPart.WHOLE, WindowPart.class);
        Lane lane = lane(task);
        if (part == WindowPart.WHOLE) {
            publishWhole(exchange, task, lane);
            return;
        }
        if (part == WindowPart.FIRST) {
            lane.lock.lock(); // held until the window's transaction is committed or aborted
        } else if (!lane.lock.isHeldByCurrentThread()) {
            if (part == WindowPart.ABORT) {
                return; // already aborted, by the failure of one of its parts
            }
            throw new IllegalStateException(part + " part of " + task + " without its open transaction");
        }
        boolean ends = part == WindowPart.LAST || part == WindowPart.ABORT;
        try {
            publishPart(exchange, task, part, lane);
        } catch (RuntimeException e) {
            ends = true;
            throw e;
        } finally {
            if (ends) {
                lane.lock.unlock();
            }
        }
    }

    /**
     * Publishes a whole window and the ready windows of its source that follow it, in one transaction, with the
     * windows of other sources ready by then; each following window's outcome is set on its own exchange.
     */
    @SuppressWarnings("unchecked")
    private void publishWhole(Exchange exchange, WindowTask task, Lane lane) throws InvalidPayloadException {
        List<ReadyWindow> windows = new ArrayList<>();
        windows.add(new ReadyWindow(exchange, task));
        for (Exchange following : (List<Exchange>) exchange.getProperty(UsageExchange.FOLLOWING_WINDOWS, List.of(),
                List.class)) {
            windows.add(new ReadyWindow(following, following.getProperty(UsageExchange.WINDOW_TASK,
                    WindowTask.class)));
        }
        lane.publishTogether(windows);
        windows.subList(1, windows.size()).stream().filter(window -> window.failure != null)
                .forEach(window -> window.exchange.setException(window.failure));
        if (windows.get(0).failure != null) {
            throw windows.get(0).failure;
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

    /**
     * Opens the lane of a one-shot command's source in the background, so that its producer, and its topics'
     * metadata, are ready when the first window has been collected instead of being fetched after it; a failure here
     * is met again, and reported, by that window. A member of the group opens its lanes as it takes their partitions over.
     */
    public void openInBackground(UsageSource source) {
        Thread opening = new Thread(() -> {
            try {
                Lanes configured = settings();
                if (configured.onDemand()) {
                    KafkaProducer<String, byte[]> producer =
                            lanes.computeIfAbsent(configured.partitions().of(source), Lane::new).producer();
                    // the first window's records wait for their topics' metadata: fetched now, not in its transaction
                    producer.partitionsFor(source.topic());
                    producer.partitionsFor(checkpoints.topic());
                }
            } catch (RuntimeException e) {
                LOG.debug("Could not open the transactional producer of source '{}' ahead of its first window: {}",
                        source.name(), e.getMessage());
            }
        }, "usage-lane-opening-" + source.name());
        opening.setDaemon(true);
        opening.start();
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

    /** One part of a wide window, streamed into the transaction it holds the lane for. */
    @SuppressWarnings("unchecked")
    private void publishPart(Exchange exchange, WindowTask task, WindowPart part, Lane lane) throws Exception {
        if (part == WindowPart.ABORT) {
            lane.abandon(null);
            return;
        }
        KafkaProducer<String, byte[]> transactional = lane.producer();
        List<UsageEvent> events = exchange.getMessage().getMandatoryBody(List.class);
        try {
            if (part == WindowPart.FIRST) {
                transactional.beginTransaction();
            }
            send(transactional, exchange.getProperty(UsageExchange.TOPIC, String.class), events);
            if (part == WindowPart.LAST) {
                WindowCheckpoints moved = checkpointsAfter(exchange, task);
                moved.send(transactional);
                transactional.commitTransaction();
                moved.committed();
            }
        } catch (RuntimeException e) {
            lane.abandon(e);
            throw e;
        }
    }

    private void send(KafkaProducer<String, byte[]> transactional, String topic, List<UsageEvent> events) {
        events.forEach(event -> transactional.send(records.record(topic, event)));
    }

    /** The window's gaps opened and closed, and the checkpoints it moves: sent in its transaction, kept once committed. */
    private WindowCheckpoints checkpointsAfter(Exchange exchange, WindowTask task) {
        return checkpointsAfter(exchange, task, new HashMap<>(), new HashMap<>());
    }

    /**
     * The same, for a window after others of its source in one transaction: from where those left the checkpoints.
     *
     * @param moved        the checkpoints the transaction's earlier windows moved, by source (updated)
     * @param movedBackfill the backfill checkpoints they moved, by name (updated)
     */
    private WindowCheckpoints checkpointsAfter(Exchange exchange, WindowTask task, Map<String, Checkpoint> moved,
            Map<String, BackfillCheckpoint> movedBackfill) {
        String source = task.source().name();
        boolean repair = task.repairedItem().isPresent(); // a gap repair collects one item: no checkpoint moves
        Optional<Instant> collectedUntil = moved.containsKey(source)
                ? Optional.of(moved.get(source).collectedUntil()) : checkpoints.collectedUntil(source);
        Optional<Checkpoint> checkpoint = repair || !settings().movesSourceCheckpoints() ? Optional.empty()
                : Checkpoint.after(source, task.source().start(), collectedUntil, task.window());
        Optional<BackfillCheckpoint> backfillCheckpoint = task.backfill().map(range -> BackfillCheckpoint.after(
                range.checkpointName(), Optional.ofNullable(movedBackfill.get(range.checkpointName()))
                        .or(() -> checkpoints.backfill(range.checkpointName())), task.window()));
        checkpoint.ifPresent(next -> moved.put(source, next));
        backfillCheckpoint.ifPresent(next -> movedBackfill.put(next.name(), next));
        return new WindowCheckpoints(ItemGaps.of(exchange, checkpoints.gaps(source), repair), checkpoint,
                backfillCheckpoint);
    }

    private final class WindowCheckpoints {

        private final ItemGaps gaps;
        private final Optional<Checkpoint> checkpoint;
        private final Optional<BackfillCheckpoint> backfillCheckpoint;

        WindowCheckpoints(ItemGaps gaps, Optional<Checkpoint> checkpoint, Optional<BackfillCheckpoint> backfill) {
            this.gaps = gaps;
            this.checkpoint = checkpoint;
            this.backfillCheckpoint = backfill;
        }

        void send(KafkaProducer<String, byte[]> transactional) {
            gaps.opened().forEach(gap -> transactional.send(checkpoints.record(gap)));
            gaps.closed().forEach(gap -> transactional.send(checkpoints.closing(gap)));
            checkpoint.ifPresent(next -> transactional.send(checkpoints.record(next)));
            backfillCheckpoint.ifPresent(next -> transactional.send(checkpoints.record(next)));
        }

        void committed() {
            checkpoints.gapsCommitted(gaps.opened(), gaps.closed());
            checkpoint.ifPresent(checkpoints::committed);
            backfillCheckpoint.ifPresent(checkpoints::committed);
        }
    }

    /**
     * A whole window waiting on its lane, and how its publishing ended: set by whichever thread committed it, read
     * by its own thread under the lane's lock.
     */
    private static final class ReadyWindow {

        private final Exchange exchange;
        private final WindowTask task;
        private final List<UsageEvent> events;
        private boolean settled;
        private RuntimeException failure;

        @SuppressWarnings("unchecked")
        ReadyWindow(Exchange exchange, WindowTask task) throws InvalidPayloadException {
            this.exchange = exchange;
            this.task = task;
            this.events = exchange.getMessage().getMandatoryBody(List.class);
        }

        void settle(RuntimeException failure) {
            this.settled = true;
            this.failure = failure;
        }
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
        /** Held by the thread committing ready windows, or by a wide window from its transaction's begin to its end. */
        private final ReentrantLock lock = new ReentrantLock();
        /** Whole windows waiting for the next transaction of the lane, a source's together (they commit together). */
        private final Queue<List<ReadyWindow>> ready = new ConcurrentLinkedQueue<>();
        private KafkaProducer<String, byte[]> producer;
        private String closedBecause;

        Lane(int partition) {
            this.partition = partition;
            this.id = settings().id(partition);
        }

        /**
         * Publishes whole windows of one source, in order, in the lane's next transaction, together with the windows
         * of other sources ready by then: while one transaction commits, the windows that become ready wait and then
         * commit as one, so a lane of many sources makes one round of transactions for all of them instead of one
         * each (group commit). Each window still commits atomically with its checkpoint, and a source's windows stay
         * in order: its publisher hands over the next ones only after these are settled.
         */
        void publishTogether(List<ReadyWindow> windows) {
            ready.add(windows);
            lock.lock();
            try {
                while (!windows.stream().allMatch(window -> window.settled)) {
                    commitReady();
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * Commits the ready windows in one transaction. If it fails for a reason one window may have caused (a
         * record too large for the broker, a topic it may not write), each window is tried again alone, so one bad
         * window does not fail the sources beside it; the windows of its source after it fail with it, as the
         * checkpoint cannot pass it.
         */
        private void commitReady() {
            List<ReadyWindow> batch = takeReady();
            try {
                commit(batch);
                batch.forEach(window -> window.settle(null));
            } catch (RuntimeException failure) {
                if (batch.size() == 1 || !causedByOneWindow(failure)) {
                    batch.forEach(window -> window.settle(failure));
                    return;
                }
                LOG.warn("Partition {}: a transaction of {} windows failed ({}); each is published alone", partition,
                        batch.size(), failure.getMessage());
                Map<String, RuntimeException> failedSources = new HashMap<>();
                for (ReadyWindow window : batch) {
                    RuntimeException earlier = failedSources.get(window.task.source().name());
                    if (earlier != null) {
                        window.settle(earlier);
                        continue;
                    }
                    try {
                        commit(List.of(window));
                        window.settle(null);
                    } catch (RuntimeException alone) {
                        window.settle(alone);
                        failedSources.put(window.task.source().name(), alone);
                    }
                }
            }
        }

        /** The ready windows, in the order they came (a source's in window order). */
        private List<ReadyWindow> takeReady() {
            List<ReadyWindow> batch = new ArrayList<>();
            for (List<ReadyWindow> windows; (windows = ready.poll()) != null; ) {
                batch.addAll(windows);
            }
            return batch;
        }

        private void commit(List<ReadyWindow> batch) {
            KafkaProducer<String, byte[]> transactional = producer();
            try {
                transactional.beginTransaction();
                List<WindowCheckpoints> moved = new ArrayList<>(batch.size());
                Map<String, Checkpoint> checkpointsMoved = new HashMap<>();
                Map<String, BackfillCheckpoint> backfillsMoved = new HashMap<>();
                for (ReadyWindow window : batch) {
                    send(transactional, window.exchange.getProperty(UsageExchange.TOPIC, String.class), window.events);
                    WindowCheckpoints windowCheckpoints = checkpointsAfter(window.exchange, window.task,
                            checkpointsMoved, backfillsMoved);
                    windowCheckpoints.send(transactional);
                    moved.add(windowCheckpoints);
                }
                transactional.commitTransaction();
                moved.forEach(WindowCheckpoints::committed);
            } catch (RuntimeException e) {
                abandon(e);
                throw e;
            }
        }

        /** Not a failure of the lane (fenced, closed, interrupted) or of the broker (a timeout): maybe one window's. */
        private boolean causedByOneWindow(RuntimeException failure) {
            synchronized (this) {
                if (closedBecause != null) {
                    return false;
                }
            }
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProducerFencedException || cause instanceof SourceNotOwnedException
                        || cause instanceof TimeoutException || cause instanceof InterruptException) {
                    return false;
                }
            }
            return true;
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

        synchronized KafkaProducer<String, byte[]> producer() {
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
                KafkaProducer<String, byte[]> created = new KafkaProducer<>(properties, new StringSerializer(),
                        new ByteArraySerializer());
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
