package io.mediausage.collector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules file against Prometheus's rule file format (no promtool here: no Maven artifact ships one):
 * groups with unique names, each rule an alert or a record with an expression, durations, labels and annotations
 * as Prometheus reads them. That the expressions query real metrics is ObservabilityIT's part.
 */
class PrometheusRulesTest {

    private static final Set<String> GROUP_KEYS = Set.of("name", "interval", "limit", "rules", "query_offset", "labels");
    private static final Set<String> ALERT_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
    private static final Pattern DURATION = Pattern.compile("^([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$");
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    /** Go template actions must be closed, or Prometheus refuses the file when it loads it. */
    private static final Pattern TEMPLATE_ACTION = Pattern.compile("\\{\\{[^{}]*\\}\\}");

    private final JsonNode rules = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(OpsQueries.RULES.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + OpsQueries.RULES, e);
        }
    }

    @Test
    void should_be_a_prometheus_rule_file() {
        List<String> problems = new ArrayList<>();
        assertThat(rules.fieldNames()).toIterable().containsExactly("groups");
        Set<String> groupNames = new HashSet<>();
        for (JsonNode group : rules.path("groups")) {
            String name = group.path("name").asText();
            check(problems, !name.isEmpty() && groupNames.add(name), "group without a unique name: " + group);
            group.fieldNames().forEachRemaining(key -> check(problems, GROUP_KEYS.contains(key),
                    "group " + name + ": unknown key " + key));
            check(problems, group.path("rules").isArray() && !group.path("rules").isEmpty(), "group " + name + ": no rules");
            for (JsonNode rule : group.path("rules")) {
                checkAlert(problems, name, rule);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void checkAlert(List<String> problems, String group, JsonNode rule) {
        String alert = rule.path("alert").asText();
        String where = "group " + group + " alert " + alert;
        check(problems, NAME.matcher(alert).matches(), where + ": the alert name is not a valid metric name");
        rule.fieldNames().forEachRemaining(key -> check(problems, ALERT_KEYS.contains(key), where + ": unknown key " + key));
        check(problems, rule.path("expr").isTextual() && !rule.path("expr").asText().isBlank(), where + ": no expr");
        for (String duration : List.of("for", "keep_firing_for")) {
            if (rule.has(duration)) {
                check(problems, DURATION.matcher(rule.path(duration).asText()).matches()
                        && !rule.path(duration).asText().isEmpty(), where + ": " + duration + " is not a duration");
            }
        }
        for (String map : List.of("labels", "annotations")) {
            rule.path(map).fields().forEachRemaining(entry -> {
                check(problems, NAME.matcher(entry.getKey()).matches(), where + ": bad " + map + " name " + entry.getKey());
                check(problems, entry.getValue().isTextual(), where + ": " + map + "." + entry.getKey() + " is not a string");
                String text = entry.getValue().asText();
                check(problems, TEMPLATE_ACTION.matcher(text).replaceAll("").indexOf("{{") < 0
                        && TEMPLATE_ACTION.matcher(text).replaceAll("").indexOf("}}") < 0,
                        where + ": unclosed template action in " + map + "." + entry.getKey());
            });
        }
    }

    @Test
    void should_alert_on_what_the_readme_recommends_with_a_severity_and_a_summary() {
        List<String> alerts = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            alerts.add(rule.path("alert").asText());
            assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText())
                    .isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
        }));

        // lag, failed windows, error rates, a source (or the whole collector) that stopped reporting
        assertThat(alerts).contains("UsageSourceBehind", "UsageWindowsFailed", "UsageApiErrorRate",
                "UsageApiAuthFailures", "UsageSourceStoppedReporting", "UsageCollectorDown");
    }

    @Test
    void should_hold_each_source_to_the_collectors_own_healthy_lag_bound() {
        List<String> expressions = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));

        assertThat(expressions).contains("usage_lag_seconds > usage_lag_bound_seconds");
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
