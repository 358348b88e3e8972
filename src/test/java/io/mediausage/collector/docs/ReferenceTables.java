package io.mediausage.collector.docs;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.catalog.SourceContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference tables of README.md and docs/apis.md, written from the API contracts ({@link SourceContract},
 * {@link UsageApi#templateParameters()}) and the defaults in config/application.properties. A document holds each
 * between {@code <!-- reference:ID -->} and {@code <!-- /reference -->}.
 */
final class ReferenceTables {

    static final String EVERY_SOURCE = "every-source";
    static final String PER_API_DEFAULTS = "per-api-defaults";
    static final String API = "api:";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    private static final String NO_SUCH_SETTING = "—";
    private static final String API_PREFIX = "usage.<api>.";

    private final List<UsageApi> apis;
    private final Properties config;

    ReferenceTables(List<UsageApi> apis, Properties config) {
        this.apis = apis;
        this.config = config;
    }

    /** The table an id names, or empty for an id no table has. */
    Optional<String> table(String id) {
        if (id.equals(EVERY_SOURCE)) {
            return Optional.of(everySource());
        }
        if (id.equals(PER_API_DEFAULTS)) {
            return Optional.of(perApiDefaults());
        }
        return apis.stream().filter(api -> id.equals(API + api.name())).findFirst().map(this::apiParameters);
    }

    /** The parameters every source has; a per-API default is named for every API as {@code usage.<api>.<setting>}. */
    private String everySource() {
        StringBuilder table = header();
        for (TemplateParameter parameter : SourceContract.common("<api>")) {
            String defaultCell = property(parameter).map(key -> key.startsWith(API_PREFIX) ? code(key)
                    : code(key) + " (" + code(config.getProperty(key)) + ")").orElse(absent(parameter));
            row(table, parameter, defaultCell);
        }
        return table.toString();
    }

    /** An API's own parameters, with the default the shipped configuration gives them. */
    private String apiParameters(UsageApi api) {
        StringBuilder table = header();
        for (TemplateParameter parameter : api.templateParameters()) {
            String defaultCell = property(parameter).map(key -> code(config.getProperty(key)) + " (" + code(key) + ")")
                    .orElse(absent(parameter));
            row(table, parameter, defaultCell);
        }
        return table.toString();
    }

    /** Every {@code usage.<api>.<setting>} property: a row per setting, a column per API. */
    private String perApiDefaults() {
        Map<String, TemplateParameter> settings = new LinkedHashMap<>();
        for (UsageApi api : apis) {
            for (TemplateParameter parameter : SourceContract.of(api)) {
                property(parameter).filter(key -> key.startsWith("usage." + api.name() + "."))
                        .ifPresent(key -> settings.putIfAbsent(key.substring(("usage." + api.name() + ".").length()),
                                parameter));
            }
        }
        StringBuilder table = new StringBuilder("| Setting | Source parameter |");
        apis.forEach(api -> table.append(' ').append(code(api.name())).append(" |"));
        table.append(" Meaning |\n|---|---|").append("---|".repeat(apis.size())).append("---|\n");
        table.append("| Environment variable prefix | |");
        apis.forEach(api -> table.append(' ').append(code(environmentVariable("usage." + api.name() + ".")))
                .append(" |"));
        table.append(" |\n");
        settings.forEach((setting, parameter) -> {
            table.append("| ").append(code(setting)).append(" | ").append(code(parameter.name())).append(" |");
            for (UsageApi api : apis) {
                String key = "usage." + api.name() + "." + setting;
                boolean read = SourceContract.of(api).stream().anyMatch(p -> property(p).filter(key::equals).isPresent());
                table.append(' ').append(read ? code(config.getProperty(key)) : NO_SUCH_SETTING).append(" |");
            }
            table.append(' ').append(parameter.title()).append(" |\n");
        });
        return table.toString();
    }

    private static StringBuilder header() {
        return new StringBuilder("| Parameter | Type | Default | Example | Meaning |\n|---|---|---|---|---|\n");
    }

    private static void row(StringBuilder table, TemplateParameter parameter, String defaultCell) {
        table.append("| ").append(code(parameter.name())).append(" | ").append(parameter.type()).append(" | ")
                .append(defaultCell).append(" | ").append(parameter.example() == null ? "" : code(parameter.example()))
                .append(" | ").append(parameter.description()).append(parameter.secret() ? " (secret)" : "")
                .append(" |\n");
    }

    private static String absent(TemplateParameter parameter) {
        return parameter.required() ? "required" : "none (optional)";
    }

    /** The property a parameter's default reads, e.g. usage.tencent-mps-usage.task-types. */
    static Optional<String> property(TemplateParameter parameter) {
        if (parameter.defaultValue() == null) {
            return Optional.empty();
        }
        Matcher matcher = PLACEHOLDER.matcher(parameter.defaultValue());
        if (!matcher.matches()) {
            throw new IllegalStateException("default of " + parameter.name() + " is not one property placeholder: "
                    + parameter.defaultValue());
        }
        return Optional.of(matcher.group(1));
    }

    /** Camel's name of the environment variable that overrides a property. */
    static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    /** The ids of the generated blocks of a document, in order. */
    static List<String> ids(String document) {
        List<String> ids = new ArrayList<>();
        Matcher block = BLOCK.matcher(document);
        while (block.find()) {
            ids.add(block.group(1));
        }
        return ids;
    }

    /** The document with every generated block written anew; an id no table has is an error. */
    String rewrite(String document) {
        Matcher block = BLOCK.matcher(document);
        StringBuilder written = new StringBuilder();
        while (block.find()) {
            String id = block.group(1);
            String table = table(id).orElseThrow(() -> new IllegalStateException("no reference table " + id));
            block.appendReplacement(written, Matcher.quoteReplacement("<!-- reference:" + id + " -->\n" + table
                    + "<!-- /reference -->"));
        }
        return block.appendTail(written).toString();
    }

    private static final Pattern BLOCK = Pattern.compile("<!-- reference:(\\S+) -->\n(.*?)<!-- /reference -->",
            Pattern.DOTALL);
}
