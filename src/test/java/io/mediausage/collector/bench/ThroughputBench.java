package io.mediausage.collector.bench;

import io.mediausage.collector.bench.CollectorRun.CpuReading;
import io.mediausage.collector.simulator.CloudApiSimulator;
import io.mediausage.collector.testing.kafka.EmbeddedKafkaBroker;
import io.mediausage.collector.testing.kafka.KafkaTopicReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;

/**
 * The throughput benchmark of issue 14 (not a test): runs the packaged jar's {@code backfill --all} on each case
 * against the API simulator at each server latency and a real Kafka broker, both in this process, and prints a
 * Markdown table of calls, throttled answers, wall time and the ratio to the rate-limit floor; then the publish
 * path against a bare transactional producer. Run it with {@code bench/run.sh} (bench/README.md).
 *
 * <p>Options: {@code --case NAME[,NAME...]} (default all of {@link BenchCases#all}; the scaling cases of
 * {@link BenchCases#scaling} run only when named), {@code --latency MS[,MS...]} (default 0,100,300),
 * {@code --jar FILE} (default target/usage-collector.jar), {@code --out DIR} (default target/bench),
 * {@code --timeout DURATION} of one run of the jar (default PT30M), {@code --warmup true|false} (default true: each
 * case runs once at 0 ms first, unreported, so that the broker's and the simulator's warm-up falls on no measured
 * run). The environment variable {@code BENCH_JAR_JAVA_OPTIONS} replaces the jar's JVM options, the README's for
 * one-shot commands by default.
 */
public final class ThroughputBench {

    static final Pattern PROGRESS = Pattern.compile("^\\[(\\d+)/(\\d+)\\] ");
    static final Pattern SUMMARY = Pattern.compile(
            "^source (\\S+): (\\d+) window\\(s\\), (\\d+) event\\(s\\), (\\d+) failed(?:, (\\d+) not started)?$");
    /** Inherited variables that would change what the jar does, left out of its environment. */
    static final List<String> INHERITED_PREFIXES_DROPPED = List.of("USAGE_", "CAMEL_", "KAFKA_", "JDK_JAVA_OPTIONS",
            "JAVA_TOOL_OPTIONS");
    /** The JVM options the README gives the one-shot commands ({@code once}, {@code backfill}): the jar runs so. */
    static final String ONE_SHOT_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1";
    /** Names the jar's JVM options instead of {@link #ONE_SHOT_JAVA_OPTIONS} (empty: none). */
    static final String JAR_JAVA_OPTIONS = "BENCH_JAR_JAVA_OPTIONS";
    /**
     * How often a thread of its own reads the CPU times while the jar runs: often enough to tell the catch-up's CPU
     * from the start's, seldom enough to cost nothing (read at every one of the jar's 17,000 lines in the 50-source
     * case, two {@code ProcessHandle.info()} each, they took 3.8 s of this JVM's CPU, on the cores the jar runs on).
     */
    static final Duration CPU_READING_INTERVAL = Duration.ofMillis(100);
    private static final Path NICE = Path.of("/usr/bin/nice");
    /**
     * Kafka's default segment sizes instead of the test broker's 1 MiB ones: with those the broker's log cleaner
     * compacted the runs' topics while they ran, on the collector's cores, as a cluster's broker does not.
     */
    static final Map<String, String> KAFKA_DEFAULT_SEGMENTS = Map.of(
            "log.segment.bytes", "1073741824",
            "log.index.size.max.bytes", "10485760",
            "offsets.topic.segment.bytes", "104857600",
            "transaction.state.log.segment.bytes", "104857600");

    private final Options options;
    private final Properties shipped = new Properties();
    private final EmbeddedKafkaBroker broker;

    private ThroughputBench(Options options, EmbeddedKafkaBroker broker) throws IOException {
        this.options = options;
        this.broker = broker;
        try (Reader reader = Files.newBufferedReader(Path.of("config", "application.properties"))) {
            shipped.load(reader);
        }
    }

    public static void main(String[] args) {
        try {
            benchmark(Options.parse(args));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // ends the JVM even while a thread of the broker or of a Kafka client is still winding down
        System.exit(0);
    }

    private static void benchmark(Options options) throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException("no collector jar at " + options.jar() + ": run mvn -B -DskipTests package");
        }
        List<BenchCase> cases = BenchCases.named(Instant.now(), options.cases());
        Files.createDirectories(options.out());
        StringBuilder report = new StringBuilder();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(KAFKA_DEFAULT_SEGMENTS)) {
            createTransactionStateLog(broker);
            new ThroughputBench(options, broker).run(cases, report);
        }
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
        Files.writeString(options.out().resolve("results-" + stamp + ".md"), report);
        Files.writeString(options.out().resolve("results.md"), report);
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("saved as " + options.out().resolve("results-" + stamp + ".md"));
    }

    private void run(List<BenchCase> cases, StringBuilder report) throws Exception {
        report.append("## Catch-up against the rate-limit floor\n\n")
                .append("`").append(String.join(" ", jarLauncher("java"))).append(" -jar ").append(options.jar())
                .append(" backfill --all` against the API ")
                .append("simulator, run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. Wall time: first call at the ")
                .append("simulator to the last window's progress line. Floor: the busiest credential's calls ÷ its ")
                .append("configured rate, plus one round trip (the latency). Cores busy in the catch-up: the CPU time ")
                .append("the jar and this JVM (the broker and the simulator) used from the first call to the last window, ")
                .append("÷ the cores × that time; near 100 %, the catch-up waited for a core, not for the rate limit.\n\n")
                .append("| case | latency | calls | throttled | windows | events | transactions | produce requests | ")
                .append("rate per credential | wall time | ")
                .append("floor | ratio to floor | jar run | jar CPU | broker and simulator CPU | cores busy in the ")
                .append("catch-up (jar + broker and simulator) | exit |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<BenchCase> catchUp = cases.stream().filter(c -> !c.name().equals(BenchCases.PUBLISH)).toList();
        if (options.warmup()) {
            // the broker and the simulator stand for a cluster and a cloud long up: their class loading and JIT
            // compilation, on the cores the collector runs on, belong to no measured run
            for (BenchCase benchCase : catchUp) {
                System.err.printf("bench: %s at 0 ms, to warm the broker and the simulator up (not reported) ...%n",
                        benchCase.name());
                runJar(benchCase, Duration.ZERO, benchCase.name() + "-warmup");
            }
        }
        for (Duration latency : options.latencies()) {
            for (BenchCase benchCase : catchUp) {
                System.err.printf("bench: %s at %d ms ...%n", benchCase.name(), latency.toMillis());
                CollectorRun run = runJar(benchCase, latency, runName(benchCase, latency));
                String row = row(benchCase, latency, run);
                System.err.println("bench: " + row);
                report.append(row).append('\n');
            }
        }
        cases.stream().filter(c -> c.name().equals(BenchCases.PUBLISH)).findFirst().ifPresent(publish -> {
            try {
                publishPath(publish, report);
            } catch (Exception e) {
                throw new IllegalStateException("publish path failed", e);
            }
        });
    }

    private String row(BenchCase benchCase, Duration latency, CollectorRun run) {
        double rate = configuredRate(benchCase);
        RateFloor floor = RateFloor.of(run.servedCallsPerCredential(), rate, latency);
        String ratio = floor.duration().isZero() ? "n/a" : String.format(Locale.ROOT, "%.2f", floor.ratio(run.wallTime()));
        // without a progress line the catch-up cannot be told from the JVM's start and stop: say so
        String wall = seconds(run.wallTime()) + (run.lastWindowDone() == null ? " (whole jar run: no progress line)" : "");
        String busy = run.catchUpCpu(Runtime.getRuntime().availableProcessors())
                .map(cpu -> String.format(Locale.ROOT, "%.0f %% (%s + %s)", 100 * cpu.coresBusy(), seconds(cpu.jar()),
                        seconds(cpu.bench())))
                .orElse("n/a");
        return String.format(Locale.ROOT,
                "| %s | %d ms | %d | %d | %d | %d | %d | %d | %s/s | %s | %s | %s | %s | %s | %s | %s | %d |",
                benchCase.description(), latency.toMillis(), run.calls().size(), run.throttled(), run.windows(),
                run.events(), run.brokerRequests().transactions(), run.brokerRequests().produceRequests(),
                trim(rate), wall, seconds(floor.duration()), ratio,
                seconds(run.processTime()), seconds(run.cpuTime()), seconds(run.benchCpuTime()), busy, run.exitCode());
    }

    /**
     * A Kafka cluster has its transaction state log long before a collector starts on it; a fresh broker creates it
     * when the first transactional producer starts, which would otherwise fall into the first case's wall time.
     */
    private static void createTransactionStateLog(EmbeddedKafkaBroker broker) {
        BareTransactionalPublisher.replay(broker.bootstrapServers(), "bench.transaction-state-log", List.of(), 1,
                Map.of());
    }

    /** The publish path: the collector with calls free, then a bare transactional producer on its very records. */
    private void publishPath(BenchCase benchCase, StringBuilder report) throws Exception {
        System.err.printf("bench: %s ...%n", benchCase.name());
        String runName = runName(benchCase, Duration.ZERO);
        String topic = topic(runName);
        CollectorRun run = runJar(benchCase, Duration.ZERO, runName);
        List<ConsumerRecord<String, String>> records = KafkaTopicReader.readAll(broker.bootstrapServers(), topic,
                Duration.ofMinutes(2));
        // in the order the collector sent them (near enough), so that each transaction holds windows' records
        records = new ArrayList<>(records);
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        double bytes = records.stream().mapToLong(ThroughputBench::bytes).average().orElse(0);
        // as many transactions as the collector made: its group commit puts several windows in one
        int transactions = Math.toIntExact(run.brokerRequests().transactions());
        BareTransactionalPublisher.Result bare = replay(topic + ".bare", records, transactions, Map.of());
        Map<String, String> batching = collectorBatching();
        BareTransactionalPublisher.Result tuned = replay(topic + ".bare-batching", records, transactions, batching);
        double collectorRate = records.size() / (run.wallTime().toNanos() / 1e9);
        report.append("\n## Publish path\n\n").append(benchCase.description()).append(" (rate limits ")
                .append(BenchCases.FREE_CALLS_PER_SECOND).append("/s, latency 0), then a bare transactional ")
                .append("`KafkaProducer` on the same broker sending the same records (keys, values and headers) in as ")
                .append("many transactions, with Kafka's defaults, then with the collector's batching settings (")
                .append(batching).append("). Exit code of the jar: ").append(run.exitCode())
                .append("; windows and events it reported: ").append(run.windows()).append(" and ")
                .append(run.events()).append("; its CPU time: ")
                .append(seconds(run.cpuTime())).append(".\n\n")
                .append("| publisher | events | transactions | bytes per record (key + value + headers) | time | events/s |\n")
                .append("|---|---:|---:|---:|---:|---:|\n")
                .append(String.format(Locale.ROOT, "| collector (`backfill`, first call to last window) | %d | %d | %.0f | %s | %.0f |%n",
                        records.size(), transactions, bytes, seconds(run.wallTime()), collectorRate))
                .append(String.format(Locale.ROOT, "| bare transactional `KafkaProducer`, Kafka's defaults | %d | %d | %.0f | %s | %.0f |%n",
                        bare.records(), bare.transactions(), bytes, seconds(bare.time()), bare.eventsPerSecond()))
                .append(String.format(Locale.ROOT, "| bare transactional `KafkaProducer`, the collector's batching | %d | %d | %.0f | %s | %.0f |%n",
                        tuned.records(), tuned.transactions(), bytes, seconds(tuned.time()), tuned.eventsPerSecond()))
                .append(String.format(Locale.ROOT, "%nCollector ÷ bare producer: **%.2f** (÷ the bare producer with "
                        + "the collector's batching: %.2f)%n", collectorRate / bare.eventsPerSecond(),
                        collectorRate / tuned.eventsPerSecond()));
    }

    private BareTransactionalPublisher.Result replay(String topic, List<ConsumerRecord<String, String>> records,
            int transactions, Map<String, String> settings) {
        broker.createTopic(topic, 3, true);
        return BareTransactionalPublisher.replay(broker.bootstrapServers(), topic, records, Math.max(1, transactions),
                settings);
    }

    /** The producer settings of the shipped file that the collector's transactional producers take (linger, batch, codec). */
    private Map<String, String> collectorBatching() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ProducerConfig.LINGER_MS_CONFIG, shippedValue("camel.component.kafka.linger-ms"));
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, shippedValue("camel.component.kafka.producer-batch-size"));
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, shippedValue("camel.component.kafka.compression-codec"));
        return settings;
    }

    private String shippedValue(String key) {
        String value = shipped.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("config/application.properties has no " + key);
        }
        return value.trim();
    }

    /** Runs {@code backfill --all} of the case on the packaged jar, in a working directory of its own. */
    private CollectorRun runJar(BenchCase benchCase, Duration latency, String runName) throws Exception {
        String topic = topic(runName);
        Path work = options.out().resolve("work").resolve(runName).toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work.resolve("config"));
        Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("config", "application.properties"), work.resolve("config/application.properties"));
        Files.writeString(work.resolve("routes/bench.yaml"), benchCase.routes(topic));
        for (Map.Entry<String, String> file : benchCase.files().entrySet()) {
            Files.writeString(work.resolve(file.getKey()), file.getValue());
        }
        broker.createTopic(topic, 3, true);
        Path log = options.out().resolve("logs").resolve(runName + ".log");
        Files.createDirectories(log.getParent());

        try (CloudApiSimulator simulator = CloudApiSimulator.start(benchCase.simulator().latency(latency).build())) {
            List<String> command = new ArrayList<>(jarLauncher(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(List.of("-jar", options.jar().toAbsolutePath().toString(), "backfill", "--all",
                    "--from", benchCase.from().toString(), "--to", benchCase.to().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> INHERITED_PREFIXES_DROPPED.stream().anyMatch(name::startsWith));
            environment.putAll(benchCase.credentialVariables());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            // a checkpoint topic per run: each run starts from nothing, as a first backfill does
            environment.put("USAGE_CHECKPOINT_TOPIC", "bench.checkpoints." + runName);
            environment.put(benchCase.environmentPrefix() + "ENDPOINT", simulator.baseUrl().toString());
            if (benchCase.rateOverride() != null) {
                environment.put(benchCase.environmentPrefix() + "RATE_LIMIT", benchCase.rateOverride().toString());
            }
            long start = System.nanoTime();
            Duration benchCpuAtStart = processCpu(ProcessHandle.current());
            BrokerRequests requestsAtStart = BrokerRequests.read();
            Process jar = builder.start();
            List<CpuReading> cpuReadings = new CopyOnWriteArrayList<>();
            ScheduledExecutorService cpuReader = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bench-cpu-reader");
                thread.setDaemon(true);
                return thread;
            });
            cpuReader.scheduleAtFixedRate(() -> jar.toHandle().info().totalCpuDuration().ifPresent(jarCpu ->
                    cpuReadings.add(new CpuReading(Instant.now(), jarCpu,
                            processCpu(ProcessHandle.current()).minus(benchCpuAtStart)))),
                    0, CPU_READING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            AtomicReference<Instant> lastWindowDone = new AtomicReference<>();
            int windows = 0;
            long events = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(jar.getErrorStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (PROGRESS.matcher(line).find()) {
                        lastWindowDone.set(Instant.now());
                    }
                    Matcher summary = SUMMARY.matcher(line);
                    if (summary.matches()) {
                        windows += Integer.parseInt(summary.group(2));
                        events += Long.parseLong(summary.group(3));
                    }
                    out.println(line);
                }
            } finally {
                cpuReader.shutdownNow();
            }
            if (!jar.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                jar.destroyForcibly();
                throw new IllegalStateException(runName + ": the jar did not end within " + options.timeout());
            }
            Duration processTime = Duration.ofNanos(System.nanoTime() - start);
            return new CollectorRun(jar.exitValue(), simulator.calls(benchCase.api()), windows, events,
                    lastWindowDone.get(), processTime, List.copyOf(cpuReadings),
                    BrokerRequests.read().since(requestsAtStart));
        }
    }

    /**
     * {@code nice -n 10}, where there is a {@code nice}: the broker and the simulator stand for a cluster and a cloud
     * on machines of their own, so the jar's threads must not keep them waiting for a core. At equal priority, the
     * simulator's threads, among the jar's 900, waited long enough to admit requests sent 66 ms apart in bursts, and
     * answered 8 of one 50-source run's with RequestLimitExceeded.
     */
    private static List<String> lowerPriority() {
        return Files.isExecutable(NICE) ? List.of(NICE.toString(), "-n", "10") : List.of();
    }

    /** What starts the jar, before its {@code -jar}: {@link #lowerPriority()}, {@code java} and its JVM options. */
    private static List<String> jarLauncher(String java) {
        List<String> launcher = new ArrayList<>(lowerPriority());
        launcher.add(java);
        launcher.addAll(jarJavaOptions());
        return launcher;
    }

    /** The jar's JVM options: {@code BENCH_JAR_JAVA_OPTIONS} (a heap limit, a flight recording...), else the README's. */
    static List<String> jarJavaOptions() {
        String options = System.getenv(JAR_JAVA_OPTIONS);
        return Arrays.stream((options == null ? ONE_SHOT_JAVA_OPTIONS : options).trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
    }

    private static Duration processCpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The rate per credential the collector is configured with: the case's override, else the shipped file's. */
    private double configuredRate(BenchCase benchCase) {
        if (benchCase.rateOverride() != null) {
            return benchCase.rateOverride();
        }
        return Double.parseDouble(shippedValue("usage." + benchCase.template() + ".rate-limit"));
    }

    private static String runName(BenchCase benchCase, Duration latency) {
        return benchCase.name() + "-" + latency.toMillis() + "ms";
    }

    /** The run's topic, of its own: each run publishes its first backfill. */
    private static String topic(String runName) {
        return "bench." + runName;
    }

    private static long length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(ConsumerRecord<String, String> record) {
        long headers = 0;
        for (Header header : record.headers()) {
            headers += length(header.key()) + (header.value() == null ? 0 : header.value().length);
        }
        return length(record.key()) + length(record.value()) + headers;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The command line. */
    record Options(List<String> cases, List<Duration> latencies, Path jar, Path out, Duration timeout,
            boolean warmup) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("--case", "", "--latency", "0,100,300",
                    "--jar", "target/usage-collector.jar", "--out", "target/bench", "--timeout", "PT30M",
                    "--warmup", "true"));
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("usage: [--case NAME,...] [--latency MS,...] [--jar FILE] "
                            + "[--out DIR] [--timeout PT30M] [--warmup true|false]; got " + Arrays.toString(args));
                }
                values.put(args[i], args[i + 1]);
            }
            List<String> cases = Arrays.stream(values.get("--case").split(",")).map(String::trim)
                    .filter(name -> !name.isEmpty()).toList();
            List<Duration> latencies = Arrays.stream(values.get("--latency").split(",")).map(String::trim)
                    .map(ms -> Duration.ofMillis(Long.parseLong(ms))).toList();
            String warmup = values.get("--warmup");
            if (!warmup.equals("true") && !warmup.equals("false")) {
                throw new IllegalArgumentException("--warmup takes true or false; got " + warmup);
            }
            return new Options(cases, latencies, Path.of(values.get("--jar")), Path.of(values.get("--out")),
                    Duration.parse(values.get("--timeout")), Boolean.parseBoolean(warmup));
        }
    }
}
