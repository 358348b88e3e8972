package io.mediausage.collector.group;

/**
 * Work on a source this replica no longer owns: its partition went to another replica, or its lease lapsed. The
 * window fails without a dead letter: it is the new owner's to collect.
 */
public final class SourceNotOwnedException extends IllegalStateException {

    public SourceNotOwnedException(String message) {
        super(message);
    }
}
