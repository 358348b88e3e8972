package io.mediausage.collector.api;

/**
 * A parameter an API adds to its route template, documented for ops in the Kamelet style.
 *
 * @param defaultValue a property placeholder (defaults live in config/application.properties), or null
 * @param required     false for parameters that may be left out entirely
 */
public record TemplateParameter(String name, String defaultValue, String description, boolean required) {

    public static TemplateParameter required(String name, String defaultValue, String description) {
        return new TemplateParameter(name, defaultValue, description, true);
    }

    public static TemplateParameter optional(String name, String description) {
        return new TemplateParameter(name, null, description, false);
    }
}
