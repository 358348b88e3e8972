package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.simulator.CssTranscodeHandler;
import io.mediausage.collector.simulator.FaultKind;
import io.mediausage.collector.simulator.RecordedCall;
import io.mediausage.collector.simulator.UsageDataModel;
import io.mediausage.collector.testing.CollectorExtension;
import io.mediausage.collector.testing.TemplatedRoutes;
import io.mediausage.collector.testing.UsageEventSchema;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import io.mediausage.collector.window.Window;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator mangles its answers the ways a bad replica might, and the collector either publishes exactly the true
 * figures (an exact duplicate published once; a mangle that heals before the attempts run out) or fails the window
 * saying why: InvalidAnswer, what was wrong and the RequestId, in the report and the dead letter, with nothing
 * published and the checkpoint where it was.
 *
 * <p>Each case collects one window of a source of its own (its start is the window's start, so a published window
 * would move its checkpoint). The true figures of each API's window are what a twin source publishes from the same,
 * unmangled answer of the same simulator; the other ITs check such figures against the simulator's model.
 */
class MangledAnswersIT {

    static final String SECRET_ID = "AKIDmangledIT00000000000000000000";
    static final String SECRET_KEY = "mangled-it-tencent-secret";
    static final String AK = "MANGLEDITAK000000000";
    static final String SK = "mangled-it-huawei-secret";
    static final String PROJECT = "cccc0000000000000000000000000003";
    static final long SDK_APP_ID = 1400000077L;
    static final String FILE_ID = "5285485487985277777";
    static final String CHANNEL = "698AAD421D3EA5656115";
    static final String TOPIC = "usage.it.mangled";
    static final String DEAD_LETTERS = "usage.it.mangled.dead-letters";
    static final String CHECKPOINTS = "usage.it.mangled.checkpoints";
    static final int ATTEMPTS = 3;
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** One mangle: of which API, how many answers in a row, and what the refusal says (null: the answer heals). */
    record Case(Api api, FaultKind kind, int answers, String saying) {

        boolean heals() {
            return saying == null;
        }

        @Override
        public String toString() {
            return api + " " + kind + " x" + answers + (heals() ? ": true figures" : ": refused, '" + saying + "'");
        }
    }

    static final List<Case> CASES = List.of(
            new Case(Api.MPS_USAGE, FaultKind.ANSWER_WITHOUT_ARRAY, ATTEMPTS, "the answer has no Data"),
            new Case(Api.MPS_USAGE, FaultKind.ANSWER_DUPLICATE_BUCKET, 1, null),
            new Case(Api.MPS_USAGE, FaultKind.ANSWER_BUCKET_OUTSIDE_ASKED, ATTEMPTS, "is outside what was asked"),
            new Case(Api.MPS_USAGE, FaultKind.ANSWER_FRACTIONAL_COUNT, ATTEMPTS - 1, null),
            new Case(Api.TRTC_USAGE, FaultKind.ANSWER_ARRAY_RENAMED, ATTEMPTS,
                    "the answer has no UsageList (it has UsageKey, UsageList_renamed"),
            new Case(Api.TRTC_USAGE, FaultKind.ANSWER_WRONG_OFFSET, ATTEMPTS, "are different times"),
            new Case(Api.TRTC_USAGE, FaultKind.ANSWER_NEGATIVE_FIGURE, ATTEMPTS - 1, null),
            new Case(Api.VOD_PLAY_STATS, FaultKind.ANSWER_WITHOUT_ARRAY, ATTEMPTS - 1, null),
            new Case(Api.VOD_PLAY_STATS, FaultKind.ANSWER_DUPLICATE_BUCKET_OTHER_FIGURE, ATTEMPTS, "is listed twice"),
            new Case(Api.VOD_PLAY_STATS, FaultKind.ANSWER_FRACTIONAL_COUNT, ATTEMPTS, "not a whole count"),
            new Case(Api.VOD_PLAY_STATS, FaultKind.ANSWER_WRONG_OFFSET, ATTEMPTS, "is not in UTC+08:00"),
            new Case(Api.SSAI_USAGE, FaultKind.ANSWER_WITHOUT_ARRAY, ATTEMPTS, "Info has no UsageDetails"),
            new Case(Api.SSAI_USAGE, FaultKind.ANSWER_DUPLICATE_BUCKET, 1, null),
            new Case(Api.SSAI_USAGE, FaultKind.ANSWER_DUPLICATE_BUCKET_OTHER_FIGURE, ATTEMPTS - 1, null),
            new Case(Api.SSAI_USAGE, FaultKind.ANSWER_NULL_COUNTER, ATTEMPTS, "has Impression null"),
            new Case(Api.SSAI_USAGE, FaultKind.ANSWER_COUNTER_RENAMED, ATTEMPTS, "has no Impression"),
            new Case(Api.HUAWEI_TRANSCODE, FaultKind.ANSWER_EMPTY_BODY, ATTEMPTS, "the answer body is empty"),
            new Case(Api.HUAWEI_TRANSCODE, FaultKind.ANSWER_NULL_BODY, ATTEMPTS - 1, null),
            new Case(Api.HUAWEI_TRANSCODE, FaultKind.ANSWER_ARRAY_RENAMED, ATTEMPTS,
                    "the answer has no transcode_data_list"),
            new Case(Api.HUAWEI_TRANSCODE, FaultKind.ANSWER_NEGATIVE_FIGURE, ATTEMPTS, "a negative figure"),
            new Case(Api.HUAWEI_TRANSCODE, FaultKind.ANSWER_WRONG_OFFSET, ATTEMPTS, "is not a UTC time"),
            new Case(Api.HUAWEI_TRANSCODE, FaultKind.ANSWER_BUCKET_OUTSIDE_ASKED, ATTEMPTS,
                    "is outside what was asked"),
            new Case(Api.CSS_TRANSCODE, FaultKind.ANSWER_WITHOUT_ARRAY, ATTEMPTS, "the answer has no DataInfoList"),
            new Case(Api.CSS_TRANSCODE, FaultKind.ANSWER_DUPLICATE_BUCKET, 1, null),
            new Case(Api.CSS_TRANSCODE, FaultKind.ANSWER_DUPLICATE_BUCKET_OTHER_FIGURE, ATTEMPTS, "is listed twice"),
            new Case(Api.CSS_TRANSCODE, FaultKind.ANSWER_NEGATIVE_FIGURE, ATTEMPTS - 1, null),
            new Case(Api.CSS_TRANSCODE, FaultKind.ANSWER_BUCKET_OUTSIDE_ASKED, ATTEMPTS, "is outside what was asked"));

    /** A registered API as the cases reach it: its route template, the simulated API, its source's own parameters. */
    record Target(String template, Api api, Map<String, String> parameters) {
    }

    /** Every registered API's target, by the simulated API: an API registered without one fails the class. */
    static final Map<Api, Target> TARGETS = UsageApis.names().stream().map(MangledAnswersIT::target)
            .collect(Collectors.toMap(Target::api, target -> target, (a, b) -> a, () -> new EnumMap<>(Api.class)));

    static final Map<Api, Window> WINDOWS = new EnumMap<>(Api.class);
    static final Map<Api, Map<String, BigDecimal>> TRUTH = new EnumMap<>(Api.class);

    @RegisterExtension
    static final CollectorExtension IT = CollectorExtension.inProcess(simulator -> {
                chooseWindows(simulator.data());
                StringBuilder yaml = new StringBuilder();
                TARGETS.keySet().forEach(api -> yaml.append(source("truth-" + api, api)));
                IntStream.range(0, CASES.size()).forEach(i -> yaml.append(source(caseSource(i), CASES.get(i).api())));
                return yaml.toString();
            })
            .topic(TOPIC, 3, true)
            .topic(DEAD_LETTERS, 1, false)
            .tencentAccount(SECRET_ID, SECRET_KEY)
            .huaweiAccount(AK, SK)
            .simulator(config -> config.trtcSdkAppIds(SECRET_ID, SDK_APP_ID)
                    .vodFile(SECRET_ID, FILE_ID, null)
                    .ssaiChannel(SECRET_ID, CHANNEL, "news", "Pre-roll", "Mid-roll")
                    // every case is a source of its own, with a rate limiter of its own: TRTC's 5/s would throttle them
                    .rateLimit(Api.TRTC_USAGE, 100))
            .property("usage.checkpoint-topic", CHECKPOINTS)
            .property("usage.dead-letter-topic", DEAD_LETTERS)
            .property("usage.retry.max-attempts", String.valueOf(ATTEMPTS))
            .property("usage.retry.initial-delay-ms", "10")
            .property("usage.retry.max-delay-ms", "40")
            .clock(NOW);

    static TopicTail events;
    static TopicTail deadLetters;
    static TopicTail checkpoints;
    final ObjectMapper json = new ObjectMapper();

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @BeforeAll
    static void collectTheTruth() throws Exception {
        events = new TopicTail(TOPIC);
        deadLetters = new TopicTail(DEAD_LETTERS);
        for (Api api : TARGETS.keySet()) {
            Window window = WINDOWS.get(api);
            assertThat(IT.collector().collect("truth-" + api, window.start(), window.end()).succeeded()).as(api.name())
                    .isTrue();
            TRUTH.put(api, new MangledAnswersIT().awaitPublished("truth-" + api, 1));
            assertThat(TRUTH.get(api)).as("true figures of " + api).isNotEmpty();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (TopicTail tail : new TopicTail[] {events, deadLetters, checkpoints}) {
            if (tail != null) {
                tail.close();
            }
        }
    }

    @Test
    void should_mangle_the_answers_of_every_registered_api() {
        assertThat(TARGETS).hasSameSizeAs(UsageApis.names());
        assertThat(CASES).extracting(Case::api).containsAll(TARGETS.keySet());
        assertThat(WINDOWS).containsOnlyKeys(TARGETS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_publish_the_true_figures_or_fail_the_window_saying_why(Case mangle) throws Exception {
        String source = caseSource(CASES.indexOf(mangle));
        Window window = WINDOWS.get(mangle.api());
        CloudApiSimulator simulator = IT.simulator();
        simulator.clearCalls();
        simulator.faults().nextCalls(mangle.kind(), mangle.answers(), mangle.api());
        CollectionReport report;
        try {
            report = IT.collector().collect(source, window.start(), window.end());
        } finally {
            simulator.faults().clear();
        }

        List<RecordedCall> calls = simulator.calls(mangle.api());
        assertThat(calls).filteredOn(c -> c.fault() == mangle.kind()).as("mangled answers").hasSize(mangle.answers());
        if (mangle.heals()) {
            assertThat(report.succeeded()).as(report.failures().toString()).isTrue();
            assertThat(awaitPublished(source, TRUTH.get(mangle.api()).size())).isEqualTo(TRUTH.get(mangle.api()));
            assertThat(awaitCheckpoints(source)).containsExactly(window.end());
            return;
        }
        String requestId = calls.get(calls.size() - 1).requestId();
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failures()).singleElement().asString().contains("InvalidAnswer", mangle.saying(),
                "(RequestId " + requestId + ")");
        List<ConsumerRecord<String, String>> letters = deadLetters.records().stream()
                .filter(r -> r.key().startsWith(source + "/")).toList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).key()).startsWith(source + "/" + window.start()); // then the item, if the call has one
        JsonNode letter = json.readTree(letters.get(0).value());
        assertThat(letter.path("errorCode").asText()).isEqualTo("InvalidAnswer");
        assertThat(letter.path("message").asText()).contains(mangle.saying());
        assertThat(letter.path("cloudRequestId").asText()).isEqualTo(requestId);
        assertThat(letter.path("retriable").asBoolean()).isTrue();
        assertThat(letter.path("attempts").asInt()).isEqualTo(ATTEMPTS);
        // the scenario itself: what a wrongly committed window would have shown by now, as the heal cases do
        Thread.sleep(200);
        assertThat(published(source)).isEmpty();
        assertThat(checkpoints(source)).isEmpty();
    }

    /** Per API a window in the past that has usage to mangle (the simulator leaves some hours and days empty). */
    private static void chooseWindows(UsageDataModel model) {
        LocalDate today = NOW.atOffset(CST).toLocalDate();
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        LocalDate mpsDay = Stream.iterate(today.minusDays(3), day -> day.minusDays(1))
                .filter(day -> model.mpsSpecs(SECRET_ID, "ap-guangzhou", "Transcode").stream().anyMatch(
                        spec -> model.mpsUsage(SECRET_ID, "ap-guangzhou", "Transcode", spec, day).isPresent()))
                .findFirst().orElseThrow();
        WINDOWS.put(Api.MPS_USAGE, day(mpsDay));
        WINDOWS.put(Api.TRTC_USAGE, day(today.minusDays(3)));
        Instant vodHour = Stream.iterate(hour, h -> h.minus(Duration.ofHours(1)))
                .filter(h -> model.vodHour(FILE_ID, h).isPresent()).findFirst().orElseThrow();
        WINDOWS.put(Api.VOD_PLAY_STATS, new Window(vodHour, vodHour.plus(Duration.ofHours(1))));
        WINDOWS.put(Api.SSAI_USAGE, new Window(hour, hour.plus(Duration.ofHours(1))));
        Instant huaweiHour = Stream.iterate(hour, h -> h.minus(Duration.ofHours(1)))
                .filter(h -> UsageDataModel.HUAWEI_SPECS.stream().anyMatch(
                        spec -> model.huaweiTranscodeMinutes(PROJECT, null, null, spec, h).isPresent()))
                .findFirst().orElseThrow();
        WINDOWS.put(Api.HUAWEI_TRANSCODE, new Window(huaweiHour, huaweiHour.plus(Duration.ofHours(1))));
        CssTranscodeHandler css = new CssTranscodeHandler(model);
        Instant cssHour = Stream.iterate(hour, h -> h.minus(Duration.ofHours(1)))
                .filter(h -> CssTranscodeHandler.CODECS.stream().anyMatch(codec -> css.minutes(SECRET_ID, List.of(),
                        null, codec.get(0), codec.get(1), h, Duration.ofHours(1)) > 0))
                .findFirst().orElseThrow();
        WINDOWS.put(Api.CSS_TRANSCODE, new Window(cssHour, cssHour.plus(Duration.ofHours(1))));
    }

    private static Window day(LocalDate day) {
        return new Window(day.atStartOfDay(CST).toInstant(), day.plusDays(1).atStartOfDay(CST).toInstant());
    }

    private static String caseSource(int index) {
        return "mangled-" + index;
    }

    /** The target of a registered API, by its name; an API without one fails (write its cases, then its target). */
    private static Target target(String name) {
        String account = "100000000077";
        return switch (name) {
            case "tencent-mps-usage" -> new Target(name, Api.MPS_USAGE, Map.of("accountId", account,
                    "processRegions", "ap-guangzhou", "taskTypes", "Transcode"));
            case "tencent-trtc-usage" -> new Target(name, Api.TRTC_USAGE, Map.of("accountId", account,
                    "region", "ap-guangzhou", "granularity", "daily", "sdkAppIds", String.valueOf(SDK_APP_ID)));
            case "tencent-vod-play-stats" -> new Target(name, Api.VOD_PLAY_STATS, Map.of("accountId", account,
                    "granularity", "hour", "fileIds", FILE_ID));
            case "tencent-ssai-usage" -> new Target(name, Api.SSAI_USAGE, Map.of("accountId", account,
                    "granularity", "hour", "channelIds", CHANNEL));
            case "tencent-css-transcode-usage" -> new Target(name, Api.CSS_TRANSCODE, Map.of("accountId", account,
                    "granularity", "five-minute"));
            case "huawei-live-transcode-usage" -> new Target(name, Api.HUAWEI_TRANSCODE, Map.of("projectId", PROJECT,
                    "region", "cn-north-4"));
            default -> throw new IllegalStateException("no mangled-answer case is written for " + name);
        };
    }

    /** A source of the API over its window: its start is the window's start, so publishing moves its checkpoint. */
    private static String source(String name, Api api) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("sourceName", name);
        parameters.put("endpoint", "{{it.simulator-url}}");
        parameters.put("topic", TOPIC);
        parameters.put("start", WINDOWS.get(api).start().toString());
        parameters.put("settleDelay", "PT0S");
        parameters.put("lookback", "PT0S");
        parameters.putAll(TARGETS.get(api).parameters());
        return TemplatedRoutes.source(TARGETS.get(api).template(), parameters);
    }

    /**
     * The figures a source published, once at least {@code count} are readable: a committed transaction's events
     * become readable when its markers are written, which the broker does after the commit returns.
     */
    private Map<String, BigDecimal> awaitPublished(String source, int count) throws Exception {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> published(source), published -> published.size() >= count);
    }

    /** The figures a source published, by resource, SKU, metric, granularity and period; each once and valid. */
    private Map<String, BigDecimal> published(String source) throws IOException {
        Map<String, BigDecimal> published = new HashMap<>();
        for (ConsumerRecord<String, String> record : events.records()) {
            JsonNode event = json.readTree(record.value());
            if (!event.path("x_SourceName").asText().equals(source)) {
                continue;
            }
            assertThat(UsageEventSchema.violations(record.value())).as(record.value()).isEmpty();
            String key = String.join("|", event.path("ResourceId").asText(), event.path("SkuId").asText(),
                    event.path("x_Metric").asText(), event.path("x_Granularity").asText(),
                    event.path("ChargePeriodStart").asText());
            assertThat(published.put(key, event.path("ConsumedQuantity").decimalValue().stripTrailingZeros()))
                    .as("published twice: " + record.value()).isNull();
        }
        return published;
    }

    private List<Instant> awaitCheckpoints(String source) throws Exception {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> checkpoints(source), moves -> !moves.isEmpty());
    }

    /** Where the source's checkpoint was moved to, in order. */
    private List<Instant> checkpoints(String source) throws IOException {
        if (checkpoints == null) { // the collector creates the topic on first use
            checkpoints = new TopicTail(CHECKPOINTS);
        }
        List<Instant> moves = new ArrayList<>();
        for (ConsumerRecord<String, String> record : checkpoints.records()) {
            if (source.equals(record.key())) {
                moves.add(Instant.parse(json.readTree(record.value()).path("collectedUntil").asText()));
            }
        }
        return moves;
    }

    /**
     * A topic read as {@link KafkaTopicReader} reads it (read_committed, up to the end offsets at call time), by one
     * consumer kept for the class: a new consumer for every read would cost most of each case's time.
     */
    static final class TopicTail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

        TopicTail(String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IT.bootstrapServers());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(p);
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Every record up to the end offsets as they are now. */
        List<ConsumerRecord<String, String>> records() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("read up to " + end + " in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return List.copyOf(records);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
