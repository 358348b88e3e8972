package io.mediausage.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.event.UsageJson;
import io.mediausage.collector.kafka.KafkaClientProperties;
import io.mediausage.collector.metrics.HealthyLag;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.api.UsageSource;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code status}: what on-call needs without Prometheus. Reads the checkpoint topic and the dead-letter topic and
 * prints, per configured source, where it has collected until, its lag against its healthy bound (the same figures
 * as {@code usage_lag_seconds} and {@code usage_lag_bound_seconds}) and its most recent dead letters. Records it
 * does not know (backfill and other keys, tombstones, unreadable values) are skipped.
 */
public final class StatusCommand implements CliCommand {

    /** Exit code when at least one source is behind its healthy bound. */
    public static final int BEHIND = 1;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final Clock clock;
    private final ObjectMapper json = UsageJson.objectMapper();

    /**
     * @param out   where the status is printed
     * @param clock the collector's clock: lag is measured against its now, as the metrics do
     */
    public StatusCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** {@code status [--dead-letters N] [--since D]}, with the credentials of the environment. */
    @Override
    public int run(CommandLine commandLine) throws Exception {
        int deadLetters = Integer.parseInt(commandLine.optional("--dead-letters", "3"));
        Duration since = commandLine.duration("--since", "P7D");
        try (CollectorApplication app = CollectorApplication.start(commandLine.settings(Map.of(),
                CredentialsResolver.environment(), false))) {
            return run(app, deadLetters, since);
        }
    }

    /**
     * Prints the status of every source of {@code app} and returns 0, or {@link #BEHIND}.
     *
     * @param deadLettersShown how many of each source's most recent dead letters to print
     * @param since            how far back to look in the dead-letter topic
     */
    public int run(CollectorApplication app, int deadLettersShown, Duration since) {
        Properties client = KafkaClientProperties.of(app.context());
        String checkpointTopic = app.context().resolvePropertyPlaceholders("{{usage.checkpoint-topic}}");
        String deadLetterTopic = app.context().resolvePropertyPlaceholders("{{usage.dead-letter-topic}}");
        Instant now = clock.instant();
        List<String> names = app.sources().all().stream().map(UsageSource::name).toList();

        Map<String, String> latest = new HashMap<>();
        if (!read(client, checkpointTopic, Optional.empty(), record -> latest.put(record.key(), record.value()))) {
            out.printf("topic %s does not exist: no source has a checkpoint%n", checkpointTopic);
        }
        Map<String, Deque<SourceStatus.DeadLetter>> letters = new HashMap<>();
        boolean deadLetters = read(client, deadLetterTopic, Optional.of(now.minus(since)), record -> deadLetter(record.value())
                .filter(letter -> names.contains(letter.source()))
                .ifPresent(letter -> keepLast(letters.computeIfAbsent(letter.source(), s -> new ArrayDeque<>()),
                        letter, deadLettersShown)));
        if (!deadLetters) {
            out.printf("topic %s does not exist: no dead letters%n", deadLetterTopic);
        }

        List<SourceStatus> statuses = new ArrayList<>();
        for (UsageSource source : app.sources().all()) {
            Optional<Instant> checkpoint = checkpoint(source.name(), latest.get(source.name()));
            Instant until = checkpoint.orElse(source.start());
            List<SourceStatus.DeadLetter> recent = new ArrayList<>(letters.getOrDefault(source.name(), new ArrayDeque<>()));
            recent.sort(Comparator.comparing(SourceStatus.DeadLetter::failedAt));
            statuses.add(new SourceStatus(source.name(), until, checkpoint.isPresent(), Duration.between(until, now),
                    HealthyLag.bound(source, now), recent));
        }
        statuses.forEach(status -> out.println(format(status)));
        long behind = statuses.stream().filter(SourceStatus::behind).count();
        out.printf("%d source(s), %d behind their healthy lag bound (checkpoints: %s, dead letters since %s: %s)%n",
                statuses.size(), behind, checkpointTopic, now.minus(since), deadLetterTopic);
        return behind == 0 ? UsageCollectorCli.OK : BEHIND;
    }

    /**
     * The checkpoint of a source from the latest value under its key: a tombstone, a value of another shape or
     * one naming another source count as none (the checkpoint topic holds other keys and kinds of records too).
     */
    Optional<Instant> checkpoint(String source, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode record = json.readTree(value);
            if (!source.equals(record.path("source").asText()) || !record.path("collectedUntil").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(Instant.parse(record.path("collectedUntil").asText()));
        } catch (Exception e) { // unreadable JSON or instant: not a checkpoint status can show
            return Optional.empty();
        }
    }

    /** A dead-letter record; empty for a tombstone or a value that is not one. */
    Optional<SourceStatus.DeadLetter> deadLetter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode record = json.readTree(value);
            JsonNode requestId = record.path("cloudRequestId");
            return Optional.of(new SourceStatus.DeadLetter(record.path("source").asText(),
                    Instant.parse(record.path("failedAt").asText()), Instant.parse(record.path("windowStart").asText()),
                    Instant.parse(record.path("windowEnd").asText()), record.path("action").asText(),
                    record.path("errorCode").asText(), requestId.isTextual() ? requestId.asText() : null));
        } catch (DateTimeParseException | IOException e) {
            return Optional.empty();
        }
    }

    static String format(SourceStatus status) {
        StringBuilder line = new StringBuilder(String.format("source %s: collected until %s%s, lag %s, healthy bound %s: %s",
                status.source(), status.collectedUntil(), status.hasCheckpoint() ? "" : " (no checkpoint: its start)",
                BackfillProgress.format(status.lag()), BackfillProgress.format(status.healthyBound()),
                status.behind() ? "BEHIND" : "ok"));
        for (SourceStatus.DeadLetter letter : status.deadLetters()) {
            line.append(String.format("%n  dead letter %s: window [%s, %s) %s %s, RequestId %s", letter.failedAt(),
                    letter.windowStart(), letter.windowEnd(), letter.action(), letter.errorCode(),
                    letter.requestId() == null ? "none (no answer)" : letter.requestId()));
        }
        return line.toString();
    }

    private static <T> void keepLast(Deque<T> last, T item, int size) {
        last.addLast(item);
        while (last.size() > size) {
            last.removeFirst();
        }
    }

    /**
     * Every committed record of {@code topic} from {@code from} (or the beginning) to its end when asked; false when
     * the topic does not exist.
     */
    private static boolean read(Properties client, String topic, Optional<Instant> from,
            Consumer<ConsumerRecord<String, String>> each) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // looking must not create a topic (with the wrong settings) on a broker that creates topics on first use
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) { // not created yet: nothing collected, nothing failed
                return false;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            if (from.isPresent()) {
                Map<TopicPartition, Long> at = new HashMap<>();
                partitions.forEach(p -> at.put(p, from.get().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at, READ_TIMEOUT);
                partitions.forEach(p -> consumer.seek(p, offsets.get(p) == null ? end.get(p) : offsets.get(p).offset()));
            } else {
                consumer.seekToBeginning(partitions);
            }
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + topic + " to its end in " + READ_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
        return true;
    }
}
