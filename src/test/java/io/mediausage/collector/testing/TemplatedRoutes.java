package io.mediausage.collector.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sources as a routes file declares them: one {@code templatedRoute} of a shipped route template each. */
public final class TemplatedRoutes {

    private TemplatedRoutes() {
    }

    /** A source of {@code template}, its parameters given as name, value, name, value... */
    public static String source(String template, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a value for every parameter name");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return source(template, parameters);
    }

    /** A source of {@code template} with the parameters in their order; every value quoted, as text. */
    public static String source(String template, Map<String, String> parameters) {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: " + template
                + "\n    parameters:\n");
        parameters.forEach((name, value) -> yaml.append("      - name: ").append(name)
                .append("\n        value: \"").append(value).append("\"\n"));
        return yaml.toString();
    }
}
