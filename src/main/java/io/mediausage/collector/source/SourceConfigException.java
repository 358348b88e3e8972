package io.mediausage.collector.source;

/** A source declaration that cannot work; the message names the source and the key at fault, never a secret. */
public class SourceConfigException extends RuntimeException {

    public SourceConfigException(String sourceName, String key, String problem) {
        super("source '" + sourceName + "': " + key + " " + problem);
    }
}
