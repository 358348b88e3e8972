package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.source.CredentialsResolver;
import java.io.PrintStream;
import java.time.Instant;

/**
 * {@code once --source NAME --from T --to T}: collects that range and exits, non-zero if any window failed.
 *
 * @param out where a dry run prints its events
 */
record OnceCommand(PrintStream out, PrintStream err, CredentialsResolver credentials) implements CliCommand {

    @Override
    public int run(CommandLine commandLine) throws Exception {
        String source = commandLine.required("--source");
        Instant from = commandLine.instant("--from");
        Instant to = commandLine.instant("--to");
        try (CollectorApplication app = CollectorApplication.start(commandLine.oneShot(credentials, out))) {
            CollectionReport report = app.collect(source, from, to);
            ReportPrinter.print(err, report);
            return report.succeeded() ? UsageCollectorCli.OK : UsageCollectorCli.FAILED;
        }
    }
}
