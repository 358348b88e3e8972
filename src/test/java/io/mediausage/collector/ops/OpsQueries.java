package io.mediausage.collector.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of the ops files (the Grafana dashboard and the Prometheus alert rules), and the check that what they
 * query is on a scraped metrics page.
 */
public final class OpsQueries {

    public static final Path RULES = Path.of("ops/prometheus/usage-collector-rules.yml");
    public static final Path DASHBOARD = Path.of("ops/grafana/dashboards/usage-collector.json");

    /** Prometheus makes these itself for every scrape: they are never on the page. */
    private static final Set<String> SCRAPE_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    /** Labels Prometheus adds from the scrape target (prometheus.yml's job). */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? \\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private OpsQueries() {
    }

    /** Every query of the dashboard and the rules, keyed by where it is (file, panel or rule). */
    public static Map<String, PromQlQuery> all() throws IOException {
        Map<String, PromQlQuery> queries = new LinkedHashMap<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.put(RULES + " alert " + rule.path("alert").asText(), PromQlQuery.parse(rule.path("expr").asText()));
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(DASHBOARD + " panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        PromQlQuery.parse(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String definition = variable.path("definition").asText();
            Matcher labelValues = LABEL_VALUES.matcher(definition);
            if (!labelValues.matches()) {
                throw new IllegalArgumentException(DASHBOARD + " variable " + variable.path("name").asText()
                        + ": not a label_values(metric, label) query: " + definition);
            }
            queries.put(DASHBOARD + " variable " + variable.path("name").asText(), new PromQlQuery(definition,
                    Map.of(labelValues.group(1), Set.of(labelValues.group(2))), Set.of()));
        }
        return queries;
    }

    /** Metric name to the label names its samples carry, from a page in the Prometheus text format. */
    public static Map<String, Set<String>> metricsOf(String page) {
        Map<String, Set<String>> metrics = new HashMap<>();
        for (String line : page.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Set<String> labels = metrics.computeIfAbsent(sample.group(1), name -> new LinkedHashSet<>());
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        return metrics;
    }

    /**
     * What the queries read that the page does not have: a metric missing, a label a selector matches on that the
     * metric does not carry, a grouping label none of the query's metrics carries. Empty when all is there.
     */
    public static List<String> missing(Map<String, PromQlQuery> queries, Map<String, Set<String>> metrics) {
        List<String> problems = new ArrayList<>();
        queries.forEach((where, query) -> {
            Set<String> carried = new LinkedHashSet<>(TARGET_LABELS);
            query.selectors().forEach((metric, labels) -> {
                if (SCRAPE_SERIES.contains(metric)) {
                    return;
                }
                Set<String> present = metrics.get(metric);
                if (present == null) {
                    problems.add(where + ": metric " + metric + " is not on the page");
                    return;
                }
                carried.addAll(present);
                labels.stream().filter(label -> !present.contains(label) && !TARGET_LABELS.contains(label))
                        .forEach(label -> problems.add(where + ": metric " + metric + " has no label " + label));
            });
            query.groupedBy().stream().filter(label -> !carried.contains(label))
                    .forEach(label -> problems.add(where + ": no metric of the query has the label " + label));
        });
        return problems;
    }
}
