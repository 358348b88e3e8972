package io.mediausage.collector.config;

import static io.mediausage.collector.catalog.SourceContract.SOURCE_NAME;

import io.mediausage.collector.source.Suggestions;
import io.mediausage.collector.api.TemplateParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the sources declared in route files ({@code - templatedRoute:} entries) before Camel does, to report what
 * Camel would pass over or fail on with a stack trace: malformed YAML, an unknown template, an unknown or repeated
 * parameter, a missing required one, and two sources of one name.
 */
public final class SourceDeclarations {

    /** The keys of a Camel YAML templatedRoute besides the template and its parameters. */
    private static final Set<String> TEMPLATED_ROUTE_KEYS = Set.of("routeTemplateRef", "parameters", "routeId",
            "prefixId", "beans");
    private static final String YAML = "YAML";
    private static final String TEMPLATE_REF = "routeTemplateRef";

    private final Map<String, List<TemplateParameter>> templates;
    private final List<ConfigurationProblem> problems = new ArrayList<>();
    /** Where each source is declared, for problems found later, when Camel builds it. */
    private final Map<String, String> fileOfSource = new LinkedHashMap<>();
    private final List<Declaration> wellFormed = new ArrayList<>();
    private final Map<String, String> firstDeclaration = new LinkedHashMap<>();

    /**
     * A source declaration whose template, parameter names and name are right, for the next step: building it.
     *
     * @param parameters the parameters the source gives (name to value)
     */
    public record Declaration(String file, String template, Map<String, String> parameters) {
    }

    /** @param templates every template id with its parameters */
    public SourceDeclarations(Map<String, List<TemplateParameter>> templates) {
        this.templates = templates;
    }

    /** Checks one route file; its problems join {@link #problems()}. */
    public void read(String file, String text) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            // the problem and where, not the message: that quotes the file's text, which may hold anything
            String where = e.getProblemMark().map(mark -> " at line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1)).orElse("");
            problems.add(new ConfigurationProblem(file, null, YAML, "is malformed" + where + ": " + e.getProblem()));
            return;
        } catch (YamlEngineException e) {
            problems.add(new ConfigurationProblem(file, null, YAML, "is malformed"));
            return;
        }
        if (document == null) {
            return;
        }
        if (!(document instanceof List<?> routes)) {
            problems.add(new ConfigurationProblem(file, null, YAML, "must be a list of routes (- templatedRoute: ...)"));
            return;
        }
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) instanceof Map<?, ?> route && route.containsKey("templatedRoute")) {
                templatedRoute(file, i + 1, route.get("templatedRoute"));
            }
        }
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }

    /** The declarations without a problem so far, in the order of the files. */
    public List<Declaration> wellFormed() {
        return wellFormed;
    }

    /** The file a source is declared in, for problems found after this check. */
    public Map<String, String> fileOfSource() {
        return fileOfSource;
    }

    private void templatedRoute(String file, int number, Object declaration) {
        int problemsBefore = problems.size();
        String unnamed = "#" + number;
        if (!(declaration instanceof Map<?, ?> route)) {
            problems.add(new ConfigurationProblem(file, unnamed, "templatedRoute", "must hold routeTemplateRef and parameters"));
            return;
        }
        Map<String, String> parameters = parameters(file, unnamed, route.get("parameters"));
        String source = parameters.getOrDefault(SOURCE_NAME.name(), unnamed);
        route.keySet().stream().map(String::valueOf).filter(key -> !TEMPLATED_ROUTE_KEYS.contains(key))
                .forEach(key -> problems.add(new ConfigurationProblem(file, source, key,
                        "is not a key of a templatedRoute" + Suggestions.didYouMean(key, TEMPLATED_ROUTE_KEYS))));
        Object template = route.get(TEMPLATE_REF);
        if (template == null) {
            problems.add(new ConfigurationProblem(file, source, TEMPLATE_REF, "is required: one of "
                    + templates.keySet()));
        } else if (!templates.containsKey(template.toString())) {
            problems.add(new ConfigurationProblem(file, source, TEMPLATE_REF, "'" + template + "' is not a template"
                    + Suggestions.didYouMean(template.toString(), templates.keySet()) + " (templates: "
                    + String.join(", ", templates.keySet()) + ")"));
        } else {
            checkParameters(file, source, template.toString(), parameters);
        }
        if (parameters.containsKey(SOURCE_NAME.name())) {
            String here = file + " (templatedRoute #" + number + ")";
            String first = firstDeclaration.putIfAbsent(source, here);
            fileOfSource.putIfAbsent(source, file);
            if (first != null) {
                problems.add(new ConfigurationProblem(file, source, SOURCE_NAME.name(), "is declared twice: in " + first
                        + " and in " + here + "; source names must be unique"));
            }
        }
        if (problems.size() == problemsBefore) {
            wellFormed.add(new Declaration(file, template.toString(), parameters));
        }
    }

    /** The parameters as given (name to value), reporting entries without a name and names given twice. */
    private Map<String, String> parameters(String file, String unnamed, Object declared) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (declared == null) {
            return parameters;
        }
        if (!(declared instanceof List<?> entries)) {
            problems.add(new ConfigurationProblem(file, unnamed, "parameters", "must be a list of '- name: ... value: ...'"));
            return parameters;
        }
        List<String> repeated = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> parameter) || parameter.get("name") == null) {
                problems.add(new ConfigurationProblem(file, unnamed, "parameters", "has an entry without a name"));
                continue;
            }
            String name = parameter.get("name").toString();
            Object value = parameter.get("value");
            if (parameters.put(name, value == null ? "" : value.toString()) != null) {
                repeated.add(name);
            }
        }
        String source = parameters.getOrDefault(SOURCE_NAME.name(), unnamed);
        repeated.forEach(name -> problems.add(new ConfigurationProblem(file, source, name,
                "is given twice; give it once")));
        return parameters;
    }

    private void checkParameters(String file, String source, String template, Map<String, String> given) {
        List<TemplateParameter> known = templates.get(template);
        List<String> names = known.stream().map(TemplateParameter::name).toList();
        given.keySet().stream().filter(name -> !names.contains(name)).forEach(name ->
                problems.add(new ConfigurationProblem(file, source, name, "is not a parameter of " + template
                        + Suggestions.didYouMean(name, names))));
        known.stream().filter(parameter -> parameter.required() && parameter.defaultValue() == null)
                .filter(parameter -> given.getOrDefault(parameter.name(), "").isBlank())
                .forEach(parameter -> problems.add(new ConfigurationProblem(file, source, parameter.name(),
                        "is required for every " + template + " source")));
    }
}
