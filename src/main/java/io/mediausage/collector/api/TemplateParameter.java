package io.mediausage.collector.api;

import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One parameter of a route template, declared once as a contract in the Kamelet style: ops configure a source from
 * it without reading code, the route templates and the configuration check are built from it, and the reference
 * tables of README.md and docs/apis.md are generated from it.
 *
 * @param name         the parameter's name in {@code routes/*.yaml}
 * @param title        a few words for it
 * @param type         what a value is (string, number, ISO-8601 duration, comma-separated list...)
 * @param defaultValue a property placeholder (defaults live in config/application.properties), or null
 * @param example      a value that would do, or null where none is worth showing
 * @param required     false for parameters that may be left out entirely
 * @param secret       true where the value leads to a secret (a credential variable): never logged
 * @param description  what it does, in full
 */
public record TemplateParameter(String name, String title, String type, String defaultValue, String example,
        boolean required, boolean secret, String description) {

    public TemplateParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** A parameter every source has: given by the source, or else taken from {@code defaultValue} if it has one. */
    public static TemplateParameter required(String name, String title, String type, String defaultValue,
            String example, String description) {
        return new TemplateParameter(name, title, type, defaultValue, example, true, false, description);
    }

    /** A parameter a source may leave out entirely. */
    public static TemplateParameter optional(String name, String title, String type, String example,
            String description) {
        return new TemplateParameter(name, title, type, null, example, false, false, description);
    }

    /** The same parameter, marked as leading to a secret. */
    public TemplateParameter asSecret() {
        return new TemplateParameter(name, title, type, defaultValue, example, required, true, description);
    }

    /** Values as a description lists them: {@code `a`, `b`}. */
    public static String codes(Collection<String> values) {
        return values.stream().map(value -> "`" + value + "`").collect(Collectors.joining(", "));
    }
}
