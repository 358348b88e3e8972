package io.mediausage.collector.config;

import io.mediausage.collector.source.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Catches a misspelt group in a {@code camel.*} key ({@code camel.managment.port}), which Camel passes over without
 * a word, leaving the intended setting at its default. The groups are Camel Main's own, from its configuration
 * metadata, and the component, data format and language options. Options within a group are left to Camel, which
 * refuses an unknown one (its metadata does not list every option it binds, e.g. {@code camel.mdc.custom-properties}).
 */
final class CamelGroups {

    private static final String METADATA = "/META-INF/camel-main-configuration-metadata.json";
    /** Camel Main binds these too, outside its metadata: {@code camel.component.<name>.<option>} and the like. */
    private static final List<String> BOUND_ELSEWHERE = List.of("camel.component", "camel.dataformat", "camel.language");

    /** Normalized group (lower case, no dashes) to the group as Camel spells it. */
    private final Map<String, String> groups = new TreeMap<>();

    private CamelGroups(Collection<String> groups) {
        groups.forEach(group -> this.groups.put(normalized(group), group));
    }

    static CamelGroups ofCamelMain() {
        try (InputStream in = CamelGroups.class.getResourceAsStream(METADATA)) {
            if (in == null) {
                throw new IllegalStateException(METADATA + " is missing from the classpath (camel-main)");
            }
            List<String> names = new ArrayList<>(BOUND_ELSEWHERE);
            new ObjectMapper().readTree(in).path("groups").forEach((JsonNode group) -> names.add(group.path("name").asText()));
            return new CamelGroups(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A problem for each key whose group is a few letters away from one of Camel's. */
    List<ConfigurationProblem> check(String file, Collection<String> given) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (String key : new TreeSet<>(given)) {
            String[] parts = key.split("\\.");
            if (parts.length < 3 || !parts[0].equals("camel")) {
                continue;
            }
            String group = parts[0] + "." + parts[1];
            boolean known = groups.keySet().stream().anyMatch(normalized(key)::startsWith);
            if (!known) {
                Suggestions.closest(normalized(group), groups.keySet()).ifPresent(close -> problems.add(
                        new ConfigurationProblem(file, null, key, "is not a Camel setting: Camel has no group "
                                + group + "; did you mean '" + groups.get(close) + "'?")));
            }
        }
        return problems;
    }

    private static String normalized(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
