package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.source.CredentialsResolver;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code validate}: builds every source as {@code run} would (without scheduling or calling anything) and reports
 * them; a bad configuration exits with 3. It starts as a dry run does, so that no Kafka client is made: nothing is
 * collected, so nothing would be printed.
 */
record ValidateCommand(PrintStream out, CredentialsResolver credentials) implements CliCommand {

    @Override
    public int run(CommandLine commandLine) throws Exception {
        CollectorApplication.Settings settings = commandLine.settings(Map.of(), credentials, false);
        try (CollectorApplication app = CollectorApplication.start(new CollectorApplication.Settings(
                settings.configFile(), settings.overrides(), settings.clock(), settings.credentials(), false, out))) {
            app.sources().all().forEach(source -> out.printf("source %s: %s, topic %s, endpoint %s%n", source.name(),
                    source.api().name(), source.topic(), source.endpoint()));
            out.printf("configuration valid: %d source(s)%n", app.sources().all().size());
            return UsageCollectorCli.OK;
        }
    }
}
