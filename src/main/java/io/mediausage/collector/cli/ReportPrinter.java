package io.mediausage.collector.cli;

import io.mediausage.collector.app.CollectionReport;
import java.io.PrintStream;

/** A source's collection summed up, on stderr: so that a dry run's stdout carries nothing but events. */
final class ReportPrinter {

    private ReportPrinter() {
    }

    static void print(PrintStream err, CollectionReport report) {
        err.printf("source %s: %d window(s), %d event(s), %d failed%s%n", report.sourceName(), report.windows(),
                report.events(), report.failures().size(), report.windowsNotStarted() == 0 ? ""
                        : ", " + report.windowsNotStarted() + " not started");
        report.failures().forEach(failure -> err.println("  failed: " + failure));
    }
}
