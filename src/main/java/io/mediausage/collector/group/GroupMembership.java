package io.mediausage.collector.group;

import io.mediausage.collector.catalog.SourceCatalog;
import io.mediausage.collector.api.UsageSource;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's membership of the collectors' group: a consumer of the coordination topic that reads nothing and
 * commits nothing, polled on a thread of its own only to take part in the group, whose rebalances
 * (cooperative-sticky, so a partition that stays put is never interrupted) tell it which partitions it owns.
 *
 * <p>A partition gained is taken over ({@link PartitionHandover#take}) before its sources may run; one that cannot
 * be yet (broker unreachable) is tried again after each poll. A partition revoked starts no new run and is let go
 * once its runs have finished their windows in flight (at most {@code releaseTimeout}); a partition lost, because
 * this replica was silent past the session timeout, is let go at once: another replica has already fenced it.
 */
public final class GroupMembership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PAUSE = Duration.ofSeconds(5);
    private static final MetricName LAST_HEARTBEAT = new MetricName("last-heartbeat-seconds-ago",
            "consumer-coordinator-metrics", "", Map.of());

    private final Supplier<Properties> clientProperties;
    private final GroupSettings settings;
    private final SourceOwnership ownership;
    private final PartitionHandover handover;
    private final SourceCatalog catalog;
    private final Set<Integer> pending = new TreeSet<>();
    private final AtomicLong rebalances = new AtomicLong();
    private volatile boolean joined;
    private volatile boolean closing;
    private volatile Thread poller;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public GroupMembership(Supplier<Properties> clientProperties, GroupSettings settings, SourceOwnership ownership,
            PartitionHandover handover, SourceCatalog catalog) {
        this.clientProperties = clientProperties;
        this.settings = settings;
        this.ownership = ownership;
        this.handover = handover;
        this.catalog = catalog;
    }

    /**
     * Joins the group, on a thread of its own: first creates the coordination topic if missing (tried again until the
     * brokers answer; meanwhile this replica owns nothing and is not ready).
     */
    public void start() {
        ownership.leaseFor(settings.sessionTimeout());
        Thread thread = new Thread(this::pollUntilClosed, "usage-group");
        thread.setDaemon(true);
        poller = thread;
        thread.start();
    }

    /** True while this replica is a member of the group in good standing (it has joined and hears from it). */
    public boolean joined() {
        return joined;
    }

    /** The rebalances this replica has taken part in. */
    public long rebalances() {
        return rebalances.get();
    }

    private void pollUntilClosed() {
        while (!closing && !coordinationTopicReady()) {
            pause();
        }
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(consumerProperties())) {
            consumer = member;
            member.subscribe(List.of(settings.topic()), new Rebalances());
            while (!closing) {
                try {
                    member.poll(POLL);
                    ownership.renewLease();
                    joined = joined && heardFromGroup(member);
                    takePending();
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    joined = false;
                    LOG.warn("Group {}: cannot poll its coordinator ({}); trying again", settings.groupId(),
                            e.getMessage());
                    pause();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Group {}: membership ended: {}", settings.groupId(), e.getMessage(), e);
        } finally {
            joined = false;
        }
    }

    /** The last heartbeat the coordinator answered is within the session timeout. */
    private boolean heardFromGroup(KafkaConsumer<byte[], byte[]> member) {
        Metric lastHeartbeat = member.metrics().get(LAST_HEARTBEAT);
        if (lastHeartbeat == null || !(lastHeartbeat.metricValue() instanceof Double secondsAgo)) {
            return true;
        }
        return secondsAgo * 1000 < settings.sessionTimeout().toMillis();
    }

    private void takePending() {
        if (pending.isEmpty()) {
            return;
        }
        Set<Integer> taken = take(pending);
        pending.removeAll(taken);
        if (!taken.isEmpty()) {
            ownership.gained(taken);
            logOwned("took over pending " + taken);
        }
    }

    /** Takes the partitions over; those that cannot be yet are left out, and their sources wait. */
    private Set<Integer> take(Set<Integer> partitions) {
        Set<Integer> taken = new TreeSet<>();
        try {
            taken.addAll(handover.take(partitions));
        } catch (RuntimeException e) {
            LOG.warn("Group {}: cannot take over partitions {} yet ({}); their sources wait", settings.groupId(),
                    partitions, e.getMessage());
        }
        return taken;
    }

    private void logOwned(String change) {
        Set<Integer> owned = ownership.owned();
        List<String> sources = catalog.all().stream().filter(ownership::owns).map(UsageSource::name).toList();
        LOG.info("Group {}: {}; owns partitions {} of {}, sources {}", settings.groupId(), change, owned,
                settings.partitions().count(), sources);
    }

    /** The sources of the partitions this replica owns. */
    public int sourcesOwned() {
        return (int) catalog.all().stream().filter(ownership::owns).count();
    }

    private Properties consumerProperties() {
        Properties properties = clientProperties.get();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.heartbeatInterval().toMillis());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.instanceId().ifPresent(id -> properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return properties;
    }

    private boolean coordinationTopicReady() {
        try {
            createTopicIfMissing();
            return true;
        } catch (IllegalStateException e) {
            LOG.error("Group {}: {}; trying again", settings.groupId(), e.getMessage());
            return false;
        }
    }

    private void createTopicIfMissing() {
        int count = settings.partitions().count();
        Properties properties = clientProperties.get();
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PAUSE.multipliedBy(2).toMillis());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PAUSE.multipliedBy(2).toMillis());
        try (Admin admin = Admin.create(properties)) {
            try {
                admin.createTopics(List.of(new NewTopic(settings.topic(), Optional.of(count), Optional.empty())))
                        .all().get();
                LOG.info("Created the group's coordination topic {} with {} partitions", settings.topic(), count);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the group's coordination topic "
                            + settings.topic() + ": " + e.getCause().getMessage(), e.getCause());
                }
                TopicDescription existing = admin.describeTopics(List.of(settings.topic())).allTopicNames().get()
                        .get(settings.topic());
                if (existing.partitions().size() != count) {
                    throw new IllegalStateException("usage.group.partitions is " + count + " but the coordination "
                            + "topic " + settings.topic() + " has " + existing.partitions().size()
                            + " partitions; every replica must use the topic's number");
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the group's coordination topic " + settings.topic()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the coordination topic", e);
        }
    }

    /** How many replicas are members of the group now (0 when none runs, or the group was never formed). */
    public static int runningMembers(Supplier<Properties> clientProperties, String groupId) {
        try (Admin admin = Admin.create(clientProperties.get())) {
            return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the collectors' group " + groupId + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the collectors' group " + groupId, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the group: the partitions are revoked (their runs finish) and handed to the other replicas. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        KafkaConsumer<byte[], byte[]> member = consumer;
        if (member != null) {
            member.wakeup();
        }
        Thread thread = poller;
        if (thread != null) {
            thread.join(settings.releaseTimeout().plusSeconds(30).toMillis());
        }
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(partition -> numbers.add(partition.partition()));
        return numbers;
    }

    /** Called on the polling thread, within {@code poll} and {@code close}. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            rebalances.incrementAndGet();
            joined = true;
            Set<Integer> taken = take(numbers(assigned));
            numbers(assigned).stream().filter(partition -> !taken.contains(partition)).forEach(pending::add);
            ownership.gained(taken);
            logOwned("gained " + numbers(assigned));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            letGo(numbers(revoked), false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            joined = false;
            letGo(numbers(lost), true);
        }

        private void letGo(Set<Integer> partitions, boolean lost) {
            if (partitions.isEmpty()) {
                return;
            }
            pending.removeAll(partitions);
            try {
                if (!ownership.release(partitions, lost ? Duration.ZERO : settings.releaseTimeout())) {
                    LOG.warn("Group {}: runs of partitions {} did not finish within {}; their windows in flight "
                            + "are not committed", settings.groupId(), partitions, settings.releaseTimeout());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            partitions.forEach(partition -> handover.letGo(partition, lost));
            logOwned((lost ? "lost " : "handed over ") + partitions);
        }
    }
}
