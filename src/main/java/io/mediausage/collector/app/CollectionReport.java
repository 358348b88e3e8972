package io.mediausage.collector.app;

import java.util.List;

/** What a one-shot collection did: how many windows it planned and which of them failed, and why. */
public record CollectionReport(String sourceName, int windows, List<String> failures) {

    public CollectionReport {
        failures = List.copyOf(failures);
    }

    public boolean succeeded() {
        return failures.isEmpty();
    }
}
