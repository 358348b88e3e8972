package io.mediausage.collector.config;

/**
 * One thing wrong with the configuration and where: the file, the source (when the problem is in a source) and the
 * key. The problem text never holds a secret: values are quoted only where they cannot be one.
 *
 * @param file    the configuration or route file at fault
 * @param source  the source's name, or null for a problem outside any source
 * @param key     the property or template parameter at fault
 * @param problem what is wrong, starting with a verb ("is required", "is not a time zone ...")
 */
public record ConfigurationProblem(String file, String source, String key, String problem) {

    /** One line: {@code routes/sources.yaml: source 'mps-main': rateLimt is not a parameter ...}. */
    @Override
    public String toString() {
        return file + ": " + (source == null ? "" : "source '" + source + "': ") + key + " " + problem;
    }
}
