package io.mediausage.collector.config;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.source.Suggestions;
import io.mediausage.collector.source.TimeZoneIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code usage.*} keys the collector reads, derived rather than listed: the global ones are those of the shipped
 * {@code config/application.properties} (packaged with the collector) outside any API, the per-API ones
 * ({@code usage.<api>.<setting>}) are the defaults the route templates refer to. A key the collector does not read
 * is almost always a misspelling that would leave the intended setting at its default, so it is an error.
 */
public final class CollectorKeys {

    private static final String SHIPPED = "/io/mediausage/collector/config/shipped/application.properties";
    private static final Pattern USAGE_PLACEHOLDER = Pattern.compile("\\{\\{(usage\\.[^}:]+)}}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");
    private static final String PREFIX = "usage.";
    static final String SCHEDULE_TIME_ZONE = "usage.schedule-time-zone";

    private final Set<String> known = new TreeSet<>();
    /** Global keys whose shipped value is a whole number: counts and milliseconds, which must stay so, above 0. */
    private final Set<String> wholeNumbers = new TreeSet<>();
    /** Global keys whose shipped value is an ISO-8601 duration (deadlines, timeouts), which must stay one. */
    private final Set<String> durations = new TreeSet<>();
    /** Global keys shipped empty, an option left unset (a static group membership id), which may stay empty. */
    private final Set<String> optional = new TreeSet<>();

    CollectorKeys(Properties shipped, Collection<List<TemplateParameter>> templates) {
        List<String> placeholders = templates.stream().flatMap(List::stream)
                .map(TemplateParameter::defaultValue).filter(value -> value != null)
                .flatMap(value -> {
                    Matcher matcher = USAGE_PLACEHOLDER.matcher(value);
                    List<String> keys = new ArrayList<>();
                    while (matcher.find()) {
                        keys.add(matcher.group(1));
                    }
                    return keys.stream();
                }).toList();
        known.addAll(placeholders);
        // the shipped per-API keys are checked like anyone's: a template must read them
        Set<String> apiPrefixes = new TreeSet<>(placeholders.stream().filter(key -> key.chars()
                .filter(c -> c == '.').count() == 2).map(key -> key.substring(0, key.lastIndexOf('.') + 1)).toList());
        List<String> global = shipped.stringPropertyNames().stream().filter(key -> key.startsWith(PREFIX))
                .filter(key -> apiPrefixes.stream().noneMatch(key::startsWith)).toList();
        known.addAll(global);
        // the per-API values are checked with each source that uses them (a rate limit may be 0.5)
        global.stream().filter(key -> WHOLE_NUMBER.matcher(shipped.getProperty(key)).matches())
                .forEach(wholeNumbers::add);
        global.stream().filter(key -> isPositiveDuration(shipped.getProperty(key))).forEach(durations::add);
        global.stream().filter(key -> shipped.getProperty(key).isBlank()).forEach(optional::add);
    }

    /** The keys of the shipped configuration and the templates' defaults. */
    public static CollectorKeys of(Collection<List<TemplateParameter>> templates) {
        Properties shipped = new Properties();
        try (InputStream in = CollectorKeys.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the collector's classpath");
            }
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CollectorKeys(shipped, templates);
    }

    public Set<String> known() {
        return known;
    }

    /**
     * Checks the {@code usage.*} keys given (in the file or as overrides) and the value of every key the collector
     * reads.
     *
     * @param file        the configuration file, named in the problems
     * @param given       every property name given
     * @param value       the effective value of a key (the environment may override the file), empty when not set
     * @param environment the environment, where a value that overrides the file comes from
     */
    public List<ConfigurationProblem> check(String file, Collection<String> given, Function<String, Optional<String>> value,
            Map<String, String> environment) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        new TreeSet<>(given).stream().filter(key -> key.startsWith(PREFIX) && !known.contains(key))
                .forEach(key -> problems.add(new ConfigurationProblem(file, null, key,
                        "is not a setting of the collector" + Suggestions.didYouMean(key, known))));
        for (String key : known) {
            Optional<String> set = value.apply(key).map(String::trim);
            if (set.isEmpty() || set.get().isEmpty() && !optional.contains(key)) {
                problems.add(new ConfigurationProblem(file, null, key, "is missing (config/application.properties "
                        + "as shipped sets it)"));
            } else if (wholeNumbers.contains(key) && !isWholeNumberAboveZero(set.get())) {
                problems.add(new ConfigurationProblem(origin(file, key, environment), null, key,
                        "must be a whole number above 0, got '" + set.get() + "'"));
            } else if (durations.contains(key) && !isPositiveDuration(set.get())) {
                problems.add(new ConfigurationProblem(origin(file, key, environment), null, key,
                        "must be an ISO-8601 duration above zero such as PT2M, got '" + set.get() + "'"));
            } else if (key.equals(SCHEDULE_TIME_ZONE)) {
                TimeZoneIds.problem(set.get()).ifPresent(problem ->
                        problems.add(new ConfigurationProblem(origin(file, key, environment), null, key, problem)));
            }
        }
        return problems;
    }

    /** Where a value comes from: the variable that overrides the property (Camel's naming), or else the file. */
    static String origin(String file, String key, Map<String, String> environment) {
        String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return environment.containsKey(variable) ? "environment variable " + variable : file;
    }

    private static boolean isPositiveDuration(String value) {
        try {
            return value.startsWith("P") && Duration.parse(value).compareTo(Duration.ZERO) > 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isWholeNumberAboveZero(String value) {
        try {
            return WHOLE_NUMBER.matcher(value).matches() && Integer.parseInt(value) > 0;
        } catch (NumberFormatException e) {
            return false; // more digits than an int holds
        }
    }
}
