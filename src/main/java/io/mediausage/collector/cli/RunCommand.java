package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.source.CredentialsResolver;
import java.util.Map;

/** {@code run} (the default): the scheduled collector, until stopped. */
final class RunCommand implements CliCommand {

    private final CredentialsResolver credentials;

    RunCommand(CredentialsResolver credentials) {
        this.credentials = credentials;
    }

    @Override
    public int run(CommandLine commandLine) throws Exception {
        CollectorApplication app = CollectorApplication.start(commandLine.settings(Map.of(), credentials, true));
        app.awaitShutdown();
        return UsageCollectorCli.OK;
    }
}
