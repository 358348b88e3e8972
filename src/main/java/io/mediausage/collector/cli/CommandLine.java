package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.source.CredentialsResolver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line: a command, {@code --key value} options and {@code --flag}s. */
record CommandLine(String command, Map<String, String> options) {

    private static final List<String> FLAGS = List.of("--all", "--dry-run", "--stacktrace");

    static CommandLine parse(String[] args) {
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
        return new CommandLine(command, options);
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

    /** How to start the collector: from {@code --config FILE} (default {@code config/application.properties}). */
    CollectorApplication.Settings settings(Map<String, String> extraOverrides, CredentialsResolver credentials,
            boolean scheduled) {
        Map<String, String> overrides = new HashMap<>(extraOverrides);
        return new CollectorApplication.Settings(Path.of(optional("--config", "config/application.properties")),
                overrides, Clock.systemUTC(), credentials, scheduled);
    }

    /** once and backfill: no schedule; with --dry-run, events are printed on {@code out} instead of published. */
    CollectorApplication.Settings oneShot(CredentialsResolver credentials, PrintStream out) {
        CollectorApplication.Settings settings = settings(Map.of(), credentials, false);
        return flag("--dry-run") ? new CollectorApplication.Settings(settings.configFile(),
                settings.overrides(), settings.clock(), settings.credentials(), false, out) : settings;
    }
}
