package io.mediausage.collector.event;

/** The units the API documents state, spelled once. */
public final class UsageUnits {

    public static final String SECONDS = "Seconds";
    public static final String MINUTES = "Minutes";
    public static final String BYTES = "Bytes";
    public static final String IMAGES = "Images";
    public static final String TASKS = "Tasks";
    public static final String PLAYS = "Plays";
    public static final String REQUESTS = "Requests";
    public static final String EVENTS = "Events";
    /** The document gives no unit for this figure; we say so rather than guess. */
    public static final String UNDOCUMENTED = "Undocumented";

    private UsageUnits() {
    }
}
