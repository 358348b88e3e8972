package io.mediausage.collector.source;

/** A source declaration that cannot work; the message names the source and the key at fault, never a secret. */
public class SourceConfigException extends RuntimeException {

    private final String sourceName;
    private final String key;
    private final String problem;

    public SourceConfigException(String sourceName, String key, String problem) {
        super("source '" + sourceName + "': " + key + " " + problem);
        this.sourceName = sourceName;
        this.key = key;
        this.problem = problem;
    }

    public String sourceName() {
        return sourceName;
    }

    public String key() {
        return key;
    }

    /** What is wrong, without the source and the key. */
    public String problem() {
        return problem;
    }
}
