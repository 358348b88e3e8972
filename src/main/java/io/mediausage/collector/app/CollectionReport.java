package io.mediausage.collector.app;

import java.util.List;

/**
 * What a one-shot collection did: how many windows it planned, events it published, which windows failed and why,
 * and how many it did not start because it was asked to stop.
 */
public record CollectionReport(String sourceName, int windows, int events, List<String> failures,
        int windowsNotStarted) {

    public CollectionReport {
        failures = List.copyOf(failures);
    }

    public boolean succeeded() {
        return failures.isEmpty() && windowsNotStarted == 0;
    }
}
