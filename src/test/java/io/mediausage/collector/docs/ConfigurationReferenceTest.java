package io.mediausage.collector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.app.CollectorBeans;
import io.mediausage.collector.checkpoint.InMemoryCheckpointStore;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.group.SourcePartitions;
import io.mediausage.collector.route.UsageRouteTemplates;
import io.mediausage.collector.catalog.SourceCatalog;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Configuration" section is the one reference of every setting: it must name every global property of
 * config/application.properties with the default the file has, and its examples must build into valid sources. The
 * tables of the APIs' parameters and per-API defaults are generated from the contracts ({@link ReferenceTablesTest}).
 */
class ConfigurationReferenceTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private static String section;
    private static Properties config;
    private static List<UsageApi> apis;
    /** Template parameters by API name, as the route templates declare them. */
    private static Map<String, List<RouteTemplateParameterDefinition>> templates;

    @BeforeAll
    static void load() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Configuration\n");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a Configuration section").isNotNegative();
        section = readme.substring(start, end < 0 ? readme.length() : end);

        config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        }

        CollectorBeans beans = new CollectorBeans(Clock.systemUTC(), name -> Optional.empty(),
                new InMemoryCheckpointStore(), exchange -> { }, SourceOwnership.everything(() -> new SourcePartitions(1)));
        apis = beans.apis();
        templates = new LinkedHashMap<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new UsageRouteTemplates(beans.sourceCatalog(), apis));
            for (RouteTemplateDefinition template : context.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteTemplateDefinitions()) {
                templates.put(template.getId(), template.getTemplateParameters());
            }
        }
    }

    @Test
    void should_know_a_template_for_every_api() {
        assertThat(templates.keySet()).containsExactlyInAnyOrderElementsOf(CollectorApplication.apiNames());
        assertThat(apis).extracting(UsageApi::name).containsExactlyInAnyOrderElementsOf(CollectorApplication.apiNames());
    }

    @Test
    void should_list_every_global_property_with_its_default_and_environment_variable() {
        Map<String, List<String>> rows = rows(table("### Global settings"));
        Set<String> globalKeys = config.stringPropertyNames().stream().filter(key -> apiOf(key) == null)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(rows.keySet()).as("properties in the global table").containsExactlyInAnyOrderElementsOf(globalKeys);
        for (String key : globalKeys) {
            List<String> row = rows.get(key);
            assertThat(row.get(1)).as("default of " + key).isEqualTo(code(config.getProperty(key)));
            assertThat(row.get(2)).as("APIs of " + key).isNotBlank();
            assertThat(row.get(3)).as("meaning of " + key).isNotBlank();
            assertThat(row.get(4)).as("environment variable of " + key).isNotBlank();
            if (key.startsWith("usage.")) {
                assertThat(row.get(4)).as("environment variable of " + key).isEqualTo(code(environmentVariable(key)));
            }
        }
    }

    @Test
    void should_show_examples_that_build_into_valid_sources() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Matcher blocks = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        Set<String> examplesOf = new TreeSet<>();
        while (blocks.find()) {
            for (JsonNode entry : yaml.readTree(blocks.group(1))) {
                JsonNode route = entry.path("templatedRoute");
                String api = route.path("routeTemplateRef").asText();
                assertThat(templates).as("template " + api).containsKey(api);
                Map<String, RouteTemplateParameterDefinition> accepted = templates.get(api).stream()
                        .collect(Collectors.toMap(RouteTemplateParameterDefinition::getName, Function.identity()));

                Map<String, Object> parameters = new HashMap<>();
                accepted.values().stream().filter(p -> p.getDefaultValue() != null)
                        .forEach(p -> parameters.put(p.getName(), p.getDefaultValue()));
                for (JsonNode parameter : route.path("parameters")) {
                    String name = parameter.path("name").asText();
                    assertThat(accepted).as(api + " accepts " + name).containsKey(name);
                    parameters.put(name, parameter.path("value").asText());
                }
                accepted.values().stream().filter(p -> p.isRequired() && p.getDefaultValue() == null)
                        .forEach(p -> assertThat(parameters).as(api + " example sets " + p.getName())
                                .containsKey(p.getName()));

                SourceCatalog catalog = new SourceCatalog(name -> Optional.of("reference-example-credential"),
                        Clock.systemUTC());
                UsageApi usageApi = apis.stream().filter(a -> a.name().equals(api)).findFirst().orElseThrow();
                assertThat(catalog.register(usageApi, parameters, ConfigurationReferenceTest::resolve).api().name())
                        .isEqualTo(api);
                examplesOf.add(api);
            }
        }
        assertThat(examplesOf).as("an example of every API").containsExactlyInAnyOrderElementsOf(
                CollectorApplication.apiNames());
    }

    /** The API of a per-API property usage.<api>.<setting>, or null. */
    private static String apiOf(String key) {
        return CollectorApplication.apiNames().stream().filter(api -> key.startsWith("usage." + api + "."))
                .findFirst().orElse(null);
    }

    /** Camel's name of the environment variable that overrides a property. */
    private static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Property placeholders resolved from config/application.properties, as Camel would without overrides. */
    private static String resolve(String value) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String property = config.getProperty(matcher.group(1));
            assertThat(property).as("property " + matcher.group(1)).isNotNull();
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(resolve(property)));
        }
        return matcher.appendTail(resolved).toString();
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    /** The first Markdown table after the heading that starts with {@code heading}, header row first. */
    private static List<List<String>> table(String heading) {
        List<String> lines = section.lines().toList();
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(heading)) {
            at++;
        }
        assertThat(at).as("heading " + heading + " in the Configuration section").isLessThan(lines.size());
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        List<List<String>> table = new ArrayList<>();
        for (; at < lines.size() && lines.get(at).startsWith("|"); at++) {
            String line = lines.get(at).trim();
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                    .map(String::trim).toList();
            if (!cells.stream().allMatch(cell -> cell.matches("-+"))) {
                table.add(cells);
            }
        }
        assertThat(table).as("table after " + heading).hasSizeGreaterThan(1);
        return table;
    }

    /** The rows of a table whose first cell is a name in backticks, by that name. */
    private static Map<String, List<String>> rows(List<List<String>> table) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (List<String> row : table.subList(1, table.size())) {
            String first = row.get(0);
            if (first.length() > 2 && first.startsWith("`") && first.endsWith("`")) {
                assertThat(rows.put(first.substring(1, first.length() - 1), row)).as("row " + first + " once").isNull();
            }
        }
        return rows;
    }
}
