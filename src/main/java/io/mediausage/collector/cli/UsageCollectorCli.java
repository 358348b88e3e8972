package io.mediausage.collector.cli;

import io.mediausage.collector.config.ConfigurationException;
import io.mediausage.collector.source.CredentialsResolver;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar usage-collector.jar [run|once|backfill|validate|status|demo|help] [options]}: reads the command
 * line and runs its command, each a {@link CliCommand} of its own.
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
    private final Map<String, CliCommand> commands;

    UsageCollectorCli(PrintStream out, PrintStream err) {
        this(out, err, CredentialsResolver.environment());
    }

    /** @param credentials where sources find their credentials: the environment, or a test's own */
    UsageCollectorCli(PrintStream out, PrintStream err, CredentialsResolver credentials) {
        this.out = out;
        this.err = err;
        commands = Map.of(
                "run", new RunCommand(credentials),
                "once", new OnceCommand(out, err, credentials),
                "backfill", new BackfillCommand(out, err, credentials),
                "validate", new ValidateCommand(out, credentials),
                "status", new StatusCommand(out, Clock.systemUTC()),
                "demo", new DemoCommand(out, err),
                "help", commandLine -> {
                    out.println(usage());
                    return OK;
                });
    }

    public static void main(String[] args) throws Exception {
        System.exit(new UsageCollectorCli(System.out, System.err).execute(args));
    }

    int execute(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(usage());
            return OK;
        }
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return USAGE;
        }
        CliCommand command = commands.get(commandLine.command());
        if (command == null) {
            err.println("unknown command '" + commandLine.command() + "'");
            err.println(usage());
            return USAGE;
        }
        try {
            return command.run(commandLine);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (ConfigurationException e) {
            return configurationError(e, commandLine.flag("--stacktrace"));
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
}
