package io.mediausage.collector.config;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.route.UsageRouteTemplates;
import io.mediausage.collector.source.SourceConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private Map<String, String> fileOfSource = Map.of();

    public ConfigurationCheck(Path configFile, List<UsageApi> apis) {
        this.configFile = configFile.toString();
        apis.forEach(api -> templates.put(api.name(), UsageRouteTemplates.parameters(api)));
        keys = CollectorKeys.of(templates.values());
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        List<ConfigurationProblem> problems = new ArrayList<>(keys.check(configFile,
                properties.loadProperties().stringPropertyNames(), properties::resolveProperty));
        SourceDeclarations sources = new SourceDeclarations(templates);
        routeFiles(context, properties).forEach(sources::read);
        problems.addAll(sources.problems());
        fileOfSource = sources.fileOfSource();
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /** The YAML route files Camel will load (location to text), as {@code camel.main.routes-include-pattern} names them. */
    private static Map<String, String> routeFiles(CamelContext context, PropertiesComponent properties) {
        Map<String, String> files = new LinkedHashMap<>();
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
                return Optional.of(new ConfigurationException(new ConfigurationProblem(configFile, null, key,
                        "is not an option Camel has here, or its value does not fit it (value not shown)"), failure));
            }
        }
        return Optional.empty();
    }
}
