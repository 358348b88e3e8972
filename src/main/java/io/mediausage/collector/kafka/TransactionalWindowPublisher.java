package io.mediausage.collector.kafka;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.checkpoint.BackfillCheckpoint;
import io.mediausage.collector.checkpoint.Checkpoint;
import io.mediausage.collector.checkpoint.KafkaCheckpointStore;
import io.mediausage.collector.task.WindowPart;
import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.event.UsageEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
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
 * <p>{@code usage.kafka.producers} transactional producers ("lanes") commit side by side; every source of one
 * credential uses the same lane, one window at a time. A wide window comes in parts ({@link WindowPart}) streamed
 * into its open transaction, which holds the lane until it is committed or aborted.
 */
public final class TransactionalWindowPublisher implements Processor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWindowPublisher.class);

    private final Supplier<Properties> clientProperties;
    private final Supplier<String> transactionalId;
    private final IntSupplier producerCount;
    private final Supplier<Duration> transactionTimeout;
    private final KafkaCheckpointStore checkpoints;
    private final UsageEventRecords records;
    private volatile Lane[] lanes;

    /**
     * The client settings, the transactional id, the number of producers and the transaction timeout are read on
     * first use, when the configuration is loaded.
     */
    public TransactionalWindowPublisher(Supplier<Properties> clientProperties, Supplier<String> transactionalId,
            IntSupplier producerCount, Supplier<Duration> transactionTimeout, KafkaCheckpointStore checkpoints,
            UsageEventRecords records) {
        this.clientProperties = clientProperties;
        this.transactionalId = transactionalId;
        this.producerCount = producerCount;
        this.transactionTimeout = transactionTimeout;
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

    /**
     * The lane of a source: the same for every source of one credential, so a source's windows, its backfills' and
     * those of the sources sharing its rate limit commit one after the other, while other credentials' commit beside
     * them. The transactional id of lane n is {@code <usage.kafka.transactional-id>-n}, the same after a restart.
     */
    private Lane lane(WindowTask task) {
        Lane[] all = lanes;
        if (all == null) {
            synchronized (this) {
                if (lanes == null) {
                    int count = producerCount.getAsInt();
                    Lane[] created = new Lane[count];
                    for (int n = 0; n < count; n++) {
                        created[n] = new Lane(transactionalId.get() + "-" + n);
                    }
                    lanes = created;
                }
                all = lanes;
            }
        }
        return all[Math.floorMod(task.source().credentials().accessKeyId().hashCode(), all.length)];
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
        Optional<Checkpoint> checkpoint = repair ? Optional.empty() : Checkpoint.after(source, task.source().start(),
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
    public synchronized void close() {
        if (lanes != null) {
            for (Lane lane : lanes) {
                lane.close();
            }
        }
    }

    /** One transactional producer, created on first use, and replaced after a failure it cannot go on from. */
    private final class Lane {

        private final String id;
        /** Held by the thread publishing a window, from its transaction's begin to its commit or abort. */
        private final ReentrantLock lock = new ReentrantLock();
        private KafkaProducer<String, String> producer;

        Lane(String id) {
            this.id = id;
        }

        /**
         * Aborts the open transaction; a producer that cannot go on (fenced, broken) is replaced next time.
         *
         * @param failure why, or null when the window is given up for a failure of its own
         */
        void abandon(RuntimeException failure) {
            if (producer == null) {
                return;
            }
            boolean fatal = failure instanceof ProducerFencedException
                    || failure instanceof OutOfOrderSequenceException || failure instanceof AuthorizationException;
            if (!fatal) {
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

        KafkaProducer<String, String> producer() {
            if (producer == null) {
                Properties properties = clientProperties.get();
                properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
                properties.put(ProducerConfig.ACKS_CONFIG, "all");
                properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                // a wide window's transaction stays open while its calls are made
                properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        String.valueOf(transactionTimeout.get().toMillis()));
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

        synchronized void close() {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
                producer = null;
            }
        }
    }
}
