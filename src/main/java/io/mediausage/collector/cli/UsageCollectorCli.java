package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.collect.BackfillPlan;
import io.mediausage.collector.config.ConfigurationException;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.api.UsageSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar usage-collector.jar [run|once|demo] [options]}.
 *
 * <ul>
 *   <li>{@code run} (default): the scheduled collector, until stopped.</li>
 *   <li>{@code once --source NAME --from T --to T}: collect that range and exit, non-zero if any window failed.</li>
 *   <li>{@code backfill (--source NAME | --all) --from T --to T}: the same for one or every source, with progress.</li>
 *   <li>{@code validate}: check the configuration (every source, its credential variables) and exit, 3 if bad.</li>
 *   <li>{@code status}: per source, collected until, lag against its healthy bound, last dead letters; 1 if behind.</li>
 *   <li>{@code demo}: collect the last days of every source from a local simulator into a local broker and show
 *       what landed (needs the demo classpath, see README).</li>
 * </ul>
 * Common options: {@code --config FILE} (default {@code config/application.properties}); {@code --stacktrace}
 * to see the stack trace behind a configuration error (exit code 3), which is otherwise one line per problem.
 */
public final class UsageCollectorCli {

    private static final Logger LOG = LoggerFactory.getLogger(UsageCollectorCli.class);

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CONFIG_ERROR = 3;

    private final PrintStream out;
    private final PrintStream err;

    private final CredentialsResolver credentials;

    UsageCollectorCli(PrintStream out, PrintStream err) {
        this(out, err, CredentialsResolver.environment());
    }

    /** @param credentials where sources find their credentials: the environment, or a test's own */
    UsageCollectorCli(PrintStream out, PrintStream err, CredentialsResolver credentials) {
        this.out = out;
        this.err = err;
        this.credentials = credentials;
    }

    public static void main(String[] args) throws Exception {
        System.exit(new UsageCollectorCli(System.out, System.err).execute(args));
    }

    int execute(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(usage());
            return OK;
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return USAGE;
        }
        try {
            return switch (arguments.command()) {
                case "run" -> run(arguments);
                case "once" -> once(arguments);
                case "validate" -> validate(arguments);
                case "backfill" -> backfill(arguments);
                case "demo" -> demo(arguments);
                case "status" -> status(arguments);
                case "help" -> {
                    out.println(usage());
                    yield OK;
                }
                default -> {
                    err.println("unknown command '" + arguments.command() + "'");
                    err.println(usage());
                    yield USAGE;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (ConfigurationException e) {
            return configurationError(e, arguments.flag("--stacktrace"));
        }
    }

    /**
     * One line per problem, naming the file, the source and the key; the stack trace only when asked for
     * ({@code --stacktrace}, or this class's logger at DEBUG).
     */
    private int configurationError(ConfigurationException e, boolean stackTrace) {
        e.problems().forEach(problem -> err.println("configuration error: " + problem));
        if (stackTrace) {
            e.printStackTrace(err);
        } else {
            LOG.debug("Configuration error", e);
        }
        return CONFIG_ERROR;
    }

    private int run(Arguments arguments) throws Exception {
        CollectorApplication app = CollectorApplication.start(settings(arguments, Map.of(),
                credentials, true));
        app.awaitShutdown();
        return OK;
    }

    private int once(Arguments arguments) throws Exception {
        String source = arguments.required("--source");
        Instant from = arguments.instant("--from");
        Instant to = arguments.instant("--to");
        try (CollectorApplication app = CollectorApplication.start(oneShot(arguments))) {
            CollectionReport report = app.collect(source, from, to);
            print(report);
            return report.succeeded() ? OK : FAILED;
        }
    }

    /**
     * A past range for one source or all, at full speed under the rate limits, with progress on the terminal and a
     * summary. Sources are collected side by side (each is held back by its own API's rate limit, not by the
     * others). It goes through the same checkpoints and keys as the schedule, and keeps a checkpoint of its own,
     * so the same command run again after an interruption or failed windows collects only what is not committed.
     */
    private int backfill(Arguments arguments) throws Exception {
        Instant from = arguments.instant("--from");
        Instant to = arguments.instant("--to");
        boolean all = arguments.flag("--all");
        if (all == arguments.options().containsKey("--source")) {
            throw new IllegalArgumentException("backfill needs either --source NAME or --all");
        }
        GracefulStop stop = GracefulStop.onShutdownSignal();
        try (CollectorApplication app = CollectorApplication.start(oneShot(arguments))) {
            stop.grace(Duration.ofSeconds(app.context().getShutdownStrategy().getTimeout()));
            List<String> sources = all ? app.sources().all().stream().map(UsageSource::name).toList()
                    : List.of(arguments.required("--source"));
            List<BackfillPlan> plans = sources.stream().map(source -> app.planBackfill(source, from, to)).toList();
            plans.forEach(plan -> plan.resumption().ifPresent(resumption -> err.printf("%s: %s%n",
                    plan.sourceName(), resumption)));
            long start = System.nanoTime();
            BackfillProgress progress = new BackfillProgress(err,
                    plans.stream().mapToInt(plan -> plan.windows().size()).sum(), start,
                    BackfillProgress.inPlace(arguments.options().get("--progress")));
            List<CollectionReport> reports = collectSideBySide(app, plans, progress, stop);
            progress.finish();
            boolean interrupted = reports.stream().anyMatch(report -> report.windowsNotStarted() > 0);
            err.printf("backfill of %d source(s) %s in %s:%n", sources.size(), interrupted ? "interrupted" : "done",
                    BackfillProgress.format(Duration.ofNanos(System.nanoTime() - start)));
            reports.forEach(this::print);
            if (interrupted || reports.stream().anyMatch(report -> !report.failures().isEmpty())) {
                err.println("run the same command again to resume: it collects only the windows not committed yet");
            }
            return reports.stream().allMatch(CollectionReport::succeeded) ? OK : FAILED;
        } finally {
            stop.finished();
        }
    }

    private static List<CollectionReport> collectSideBySide(CollectorApplication app, List<BackfillPlan> plans,
            BackfillProgress progress, GracefulStop stop) throws InterruptedException, ExecutionException {
        ExecutorService perSource = Executors.newFixedThreadPool(plans.size());
        try {
            List<Future<CollectionReport>> running = new ArrayList<>();
            for (BackfillPlan plan : plans) {
                running.add(perSource.submit(() -> app.collect(plan.sourceName(), plan.windows(), progress, stop)));
            }
            List<CollectionReport> reports = new ArrayList<>();
            for (Future<CollectionReport> report : running) {
                reports.add(report.get());
            }
            return reports;
        } finally {
            perSource.shutdown();
        }
    }

    /** once and backfill: no schedule; with --dry-run, events are printed on stdout instead of published. */
    private CollectorApplication.Settings oneShot(Arguments arguments) {
        CollectorApplication.Settings settings = settings(arguments, Map.of(), credentials, false);
        return arguments.flag("--dry-run") ? new CollectorApplication.Settings(settings.configFile(),
                settings.overrides(), settings.clock(), settings.credentials(), false, out) : settings;
    }

    /**
     * Builds every source as {@code run} would (without scheduling or calling anything) and reports them. It starts
     * as a dry run does, so that no Kafka client is made: nothing is collected, so nothing would be printed.
     */
    private int validate(Arguments arguments) throws Exception {
        CollectorApplication.Settings settings = settings(arguments, Map.of(), credentials, false);
        try (CollectorApplication app = CollectorApplication.start(new CollectorApplication.Settings(
                settings.configFile(), settings.overrides(), settings.clock(), settings.credentials(), false, out))) {
            app.sources().all().forEach(source -> out.printf("source %s: %s, topic %s, endpoint %s%n", source.name(),
                    source.api().name(), source.topic(), source.endpoint()));
            out.printf("configuration valid: %d source(s)%n", app.sources().all().size());
            return OK;
        }
    }

    /** Where every source stands, from the checkpoint and dead-letter topics; exit code 1 when one is behind. */
    private int status(Arguments arguments) throws Exception {
        int deadLetters = Integer.parseInt(arguments.optional("--dead-letters", "3"));
        Duration since = arguments.duration("--since", "P7D");
        CollectorApplication.Settings settings = settings(arguments, Map.of(), CredentialsResolver.environment(), false);
        try (CollectorApplication app = CollectorApplication.start(settings)) {
            return new StatusCommand(out, settings.clock()).run(app, deadLetters, since);
        }
    }

    private int demo(Arguments arguments) throws Exception {
        DemoEnvironment environment = ServiceLoader.load(DemoEnvironment.class).findFirst().orElse(null);
        if (environment == null) {
            err.println("The demo needs the local API simulator and Kafka broker, which are not part of the "
                    + "production jar. Run it from the project directory with: mvn -B -q -DskipTests package exec:exec@demo");
            return USAGE;
        }
        Duration days = Duration.ofDays(Long.parseLong(arguments.optional("--days", "3")));
        try (environment) {
            out.println("Demo: simulator at " + environment.simulatorUrl() + ", Kafka at "
                    + environment.bootstrapServers());
            List<CollectionReport> reports = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            Map<String, String> overrides = new HashMap<>(environment.overrides());
            // every API's default endpoint points at the simulator (sources that set their own keep it)
            CollectorApplication.apiNames().forEach(api ->
                    overrides.put("usage." + api + ".endpoint", environment.simulatorUrl()));
            try (CollectorApplication app = CollectorApplication.start(settings(arguments, overrides,
                    environment.credentials(), false))) {
                Instant now = Clock.systemUTC().instant();
                for (UsageSource source : app.sources().all()) {
                    reports.add(app.collect(source.name(), now.minus(days), now));
                    if (!topics.contains(source.topic())) {
                        topics.add(source.topic());
                    }
                }
            }
            reports.forEach(this::print);
            new TopicPrinter(environment.bootstrapServers(), out).print(topics);
            return reports.stream().allMatch(CollectionReport::succeeded) ? OK : FAILED;
        }
    }

    private CollectorApplication.Settings settings(Arguments arguments, Map<String, String> extraOverrides,
            CredentialsResolver credentials, boolean scheduled) {
        Map<String, String> overrides = new HashMap<>(extraOverrides);
        return new CollectorApplication.Settings(Path.of(arguments.optional("--config", "config/application.properties")),
                overrides, Clock.systemUTC(), credentials, scheduled);
    }

    /** On stderr, so that a dry run's stdout carries nothing but events. */
    private void print(CollectionReport report) {
        err.printf("source %s: %d window(s), %d event(s), %d failed%s%n", report.sourceName(), report.windows(),
                report.events(), report.failures().size(), report.windowsNotStarted() == 0 ? ""
                        : ", " + report.windowsNotStarted() + " not started");
        report.failures().forEach(failure -> err.println("  failed: " + failure));
    }

    static String usage() {
        return """
                usage: usage-collector [run|once|backfill|validate|status|demo|help] [--config FILE]
                  run                                   collect on each source's schedule until stopped (default)
                  once --source NAME --from T --to T    collect the whole buckets of [T, T) and exit; exit code 1 if any window failed
                  backfill (--source NAME | --all) --from T --to T [--progress bar|lines]
                                                        the same for one or every source, with progress and a summary
                                                        (on a terminal one line updated in place, else a line a window)
                  --dry-run (with once, backfill)       print the events as JSON lines on stdout instead of publishing
                  validate                              check the configuration and credentials variables; exit code 3 if bad
                  status [--dead-letters N] [--since D] per source: collected until, lag against its healthy bound, its last
                                                        N (3) dead letters of the last D (P7D); exit code 1 if a source is behind
                  --stacktrace                          with a configuration error, print its stack trace too
                  demo [--days N]                       collect the last N (3) days of every source from the local simulator
                  help, --help                          this text
                times are ISO-8601 instants, e.g. 2026-01-01T00:00:00Z""";
    }

    /** The command line: a command, {@code --key value} options and {@code --flag}s. */
    record Arguments(String command, Map<String, String> options) {

        private static final List<String> FLAGS = List.of("--all", "--dry-run", "--stacktrace");

        static Arguments parse(String[] args) {
            int i = 0;
            String command = "run";
            if (args.length > 0 && !args[0].startsWith("--")) {
                command = args[0];
                i = 1;
            }
            Map<String, String> options = new HashMap<>();
            while (i < args.length) {
                if (FLAGS.contains(args[i])) {
                    options.put(args[i++], "true");
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    options.put(args[i], args[i + 1]);
                    i += 2;
                } else {
                    throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
                }
            }
            return new Arguments(command, options);
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }

        String required(String option) {
            String value = options.get(option);
            if (value == null) {
                throw new IllegalArgumentException(command + " needs " + option);
            }
            return value;
        }

        String optional(String option, String defaultValue) {
            return options.getOrDefault(option, defaultValue);
        }

        Duration duration(String option, String defaultValue) {
            String value = optional(option, defaultValue);
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " must be an ISO-8601 duration such as P7D, got '" + value + "'");
            }
        }

        Instant instant(String option) {
            String value = required(option);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as "
                        + "2026-01-01T00:00:00Z, got '" + value + "'");
            }
        }
    }
}
