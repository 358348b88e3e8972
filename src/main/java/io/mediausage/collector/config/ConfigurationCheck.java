package io.mediausage.collector.config;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.catalog.SourceCatalog;
import io.mediausage.collector.catalog.SourceContract;
import io.mediausage.collector.source.SourceConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * The configuration check that start-up and {@code validate} share. It runs in Camel Main once the properties are
 * loaded and before Camel binds them or reads the route files, so it sees the properties as Camel will (file,
 * overrides, environment) and the route files before Camel builds anything from them: every {@code usage.*} key
 * and every source's parameters are checked against what the collector and its templates read. What Camel itself
 * finds later (an unknown {@code camel.*} option, a source's values) is told apart by {@link #explain(Throwable)}.
 */
public final class ConfigurationCheck extends MainListenerSupport {

    private static final List<String> ROUTES_INCLUDE_PATTERN = List.of("camel.main.routes-include-pattern",
            "camel.main.routesIncludePattern");

    private final String configFile;
    private final Map<String, List<TemplateParameter>> templates = new LinkedHashMap<>();
    private final CollectorKeys keys;
    private final CamelGroups camelGroups = CamelGroups.ofCamelMain();
    private final List<UsageApi> apis;
    private final CredentialsResolver credentials;
    private final Clock clock;
    private Map<String, String> fileOfSource = Map.of();
    private Set<String> givenKeys = Set.of();

    /**
     * @param credentials where the sources' credentials are looked up, as the collector does
     * @param clock       the collector's clock (a source's start may be a duration before now)
     */
    public ConfigurationCheck(Path configFile, List<UsageApi> apis, CredentialsResolver credentials, Clock clock) {
        this.configFile = configFile.toString();
        this.apis = apis;
        this.credentials = credentials;
        this.clock = clock;
        apis.forEach(api -> templates.put(api.name(), SourceContract.of(api)));
        keys = CollectorKeys.of(templates.values());
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        givenKeys = properties.loadProperties().stringPropertyNames();
        List<ConfigurationProblem> problems = new ArrayList<>(keys.check(configFile, givenKeys,
                properties::resolveProperty, System.getenv()));
        problems.addAll(camelGroups.check(configFile, givenKeys));
        SourceDeclarations sources = new SourceDeclarations(templates);
        routeFiles(context, properties).forEach(sources::read);
        problems.addAll(sources.problems());
        fileOfSource = sources.fileOfSource();
        if (problems.isEmpty()) {
            // only with sound properties: a source's defaults come from them
            sources.wellFormed().forEach(source -> build(source, context).ifPresent(problems::add));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /**
     * Builds a source as its route will, to report every source's problem at once (Camel stops at the first),
     * with its template's defaults for the parameters it leaves out.
     */
    private Optional<ConfigurationProblem> build(SourceDeclarations.Declaration source, CamelContext context) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        templates.get(source.template()).stream().filter(parameter -> parameter.defaultValue() != null)
                .forEach(parameter -> parameters.put(parameter.name(), parameter.defaultValue()));
        parameters.putAll(source.parameters());
        try {
            new SourceCatalog(credentials, clock).register(api(source.template()), parameters,
                    context::resolvePropertyPlaceholders);
            return Optional.empty();
        } catch (SourceConfigException e) {
            Object value = parameters.get(e.key());
            // a credential variable's problem is in the environment, wherever its name came from
            if (source.parameters().containsKey(e.key()) || value == null || !value.toString().startsWith("{{")
                    || e.key().endsWith("Variable")) {
                return Optional.of(new ConfigurationProblem(source.file(), e.sourceName(), e.key(), e.problem()));
            }
            // the source took the value from a usage.* default: that is where to fix it
            String property = value.toString().replaceAll("^\\{\\{|}}$", "");
            return Optional.of(new ConfigurationProblem(configFile, e.sourceName(), e.key() + " (" + property + ")",
                    e.problem()));
        }
    }

    private UsageApi api(String template) {
        return apis.stream().filter(api -> api.name().equals(template)).findFirst().orElseThrow();
    }

    /** The YAML route files Camel will load (location to text), as {@code camel.main.routes-include-pattern} names them. */
    private static Map<String, String> routeFiles(CamelContext context, PropertiesComponent properties) {
        // in order of their names, whatever order the file system lists them in
        Map<String, String> files = new TreeMap<>();
        Optional<String> patterns = ROUTES_INCLUDE_PATTERN.stream().map(properties::resolveProperty)
                .flatMap(Optional::stream).findFirst();
        if (patterns.isEmpty()) {
            return files;
        }
        try {
            for (String pattern : patterns.get().split(",")) {
                for (Resource resource : PluginHelper.getPackageScanResourceResolver(context)
                        .findResources(pattern.trim())) {
                    String location = resource.getLocation();
                    if (location.endsWith(".yaml") || location.endsWith(".yml")) {
                        try (InputStream in = resource.getInputStream()) {
                            files.put(location.replaceFirst("^file:", ""),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the route files of " + patterns.get(), e);
        }
        return files;
    }

    /** The key as the file spells it: Camel reports {@code sasl-jaas-config} as {@code saslJaasConfig}. */
    private String asGiven(String camelKey) {
        return givenKeys.stream().filter(key -> normalized(key).equals(normalized(camelKey))).findFirst()
                .orElse(camelKey);
    }

    private static String normalized(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The configuration problem behind a start-up failure, as one line naming the file, the source and the key:
     * one this check found, a source Camel could not build, or a {@code camel.*} option Camel does not have.
     *
     * @return empty when the failure is not a configuration problem
     */
    public Optional<ConfigurationException> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException known) {
                return Optional.of(known);
            }
            if (t instanceof SourceConfigException source) {
                return Optional.of(new ConfigurationException(new ConfigurationProblem(
                        fileOfSource.getOrDefault(source.sourceName(), "routes"), source.sourceName(), source.key(),
                        source.problem()), failure));
            }
            if (t instanceof PropertyBindingException binding) {
                // its message holds the value, which may be a password (camel.component.kafka.sasl-jaas-config)
                String key = binding.getOptionPrefix() == null ? binding.getPropertyName()
                        : binding.getOptionPrefix() + binding.getPropertyName();
                return Optional.of(new ConfigurationException(new ConfigurationProblem(configFile, null, asGiven(key),
                        "is not an option Camel has here, or its value does not fit it (value not shown)"), failure));
            }
        }
        return Optional.empty();
    }
}
