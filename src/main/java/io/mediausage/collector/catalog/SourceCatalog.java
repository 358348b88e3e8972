package io.mediausage.collector.catalog;

import static io.mediausage.collector.catalog.SourceContract.ACCESS_KEY_ID_VARIABLE;
import static io.mediausage.collector.catalog.SourceContract.ENDPOINT;
import static io.mediausage.collector.catalog.SourceContract.LOOKBACK;
import static io.mediausage.collector.catalog.SourceContract.RATE_LIMIT;
import static io.mediausage.collector.catalog.SourceContract.SCHEDULE;
import static io.mediausage.collector.catalog.SourceContract.SCHEDULE_TIME_ZONE;
import static io.mediausage.collector.catalog.SourceContract.SECRET_KEY_VARIABLE;
import static io.mediausage.collector.catalog.SourceContract.SECURITY_TOKEN_VARIABLE;
import static io.mediausage.collector.catalog.SourceContract.SETTLE_DELAY;
import static io.mediausage.collector.catalog.SourceContract.SOURCE_NAME;
import static io.mediausage.collector.catalog.SourceContract.START;
import static io.mediausage.collector.catalog.SourceContract.TOPIC;

import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.signing.Credentials;
import io.mediausage.collector.source.CredentialsResolver;
import io.mediausage.collector.source.SourceConfigException;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.source.TimeZoneIds;
import io.mediausage.collector.source.VariableNames;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.quartz.CronExpression;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The sources declared in configuration, registered as their templated routes are created. Building a source
 * validates it, so a bad declaration stops start-up with the source name and the key at fault.
 */
public final class SourceCatalog {

    private final Map<String, UsageSource> sources = new ConcurrentSkipListMap<>();
    private final CredentialsResolver credentialsResolver;
    private final Clock clock;

    public SourceCatalog(CredentialsResolver credentialsResolver, Clock clock) {
        this.credentialsResolver = credentialsResolver;
        this.clock = clock;
    }

    /**
     * Builds and registers a source from its template parameters.
     *
     * @param resolvePlaceholders resolves Camel property placeholders left in parameter values (defaults refer to
     *                            properties in config/application.properties)
     */
    public UsageSource register(UsageApi api, Map<String, Object> templateParameters,
            UnaryOperator<String> resolvePlaceholders) {
        Object name = templateParameters.get(SOURCE_NAME.name());
        if (name == null || name.toString().isBlank()) {
            throw new SourceConfigException("?", SOURCE_NAME.name(), "is required for every " + api.name()
                    + " source");
        }
        Map<String, Object> resolved = new TreeMap<>();
        templateParameters.forEach((key, value) -> resolved.put(key,
                value == null ? null : resolvePlaceholders.apply(value.toString())));
        // a default may refer to the source's own parameters, e.g. https://live.${region}.myhuaweicloud.com
        resolved.replaceAll((key, value) -> value == null ? null : substitute(value.toString(), templateParameters));
        SourceParameters parameters = new SourceParameters(name.toString(), resolved);
        UsageSource source = build(api, parameters);
        if (sources.putIfAbsent(source.name(), source) != null) {
            throw new SourceConfigException(source.name(), SOURCE_NAME.name(), "is declared twice; source names "
                    + "must be unique");
        }
        return source;
    }

    private static String substitute(String value, Map<String, Object> parameters) {
        String result = value;
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            if (parameter.getValue() != null) {
                result = result.replace("${" + parameter.getKey() + "}", parameter.getValue().toString());
            }
        }
        return result;
    }

    private UsageSource build(UsageApi api, SourceParameters parameters) {
        String schedule = parameters.string(SCHEDULE.name());
        if (!CronExpression.isValidExpression(schedule)) {
            throw parameters.problem(SCHEDULE.name(), "is not a Quartz cron expression (seconds minutes hours "
                    + "day-of-month month day-of-week, e.g. '0 20 * * * ?'): '" + schedule + "'");
        }
        TimeZoneIds.problem(parameters.string(SCHEDULE_TIME_ZONE.name())).ifPresent(problem -> {
            throw parameters.problem(SCHEDULE_TIME_ZONE.name(), problem);
        });
        api.validate(parameters);
        return new UsageSource(
                parameters.sourceName(),
                api,
                parameters.uri(ENDPOINT.name()),
                api.subAccountId(parameters),
                credentials(parameters),
                parameters.string(TOPIC.name()),
                parameters.instantOrAgo(START.name(), clock.instant()),
                parameters.duration(SETTLE_DELAY.name()),
                parameters.duration(LOOKBACK.name()),
                parameters.positiveNumber(RATE_LIMIT.name()),
                parameters);
    }

    private Credentials credentials(SourceParameters parameters) {
        String token = parameters.optional(SECURITY_TOKEN_VARIABLE.name()).map(variable ->
                secret(parameters, SECURITY_TOKEN_VARIABLE.name())).orElse(null);
        return new Credentials(secret(parameters, ACCESS_KEY_ID_VARIABLE.name()),
                secret(parameters, SECRET_KEY_VARIABLE.name()), token);
    }

    /** The value of the variable a parameter names; the problem names the variable, never its value. */
    private String secret(SourceParameters parameters, String key) {
        String variable = parameters.string(key);
        if (!VariableNames.looksLikeOne(variable)) {
            // most likely the secret itself, typed where its variable's name belongs: never repeat it
            throw parameters.problem(key, "must name an environment variable (letters, digits and _, such as "
                    + "TENCENTCLOUD_SECRET_KEY); its value is not shown, as it may be the secret itself");
        }
        try {
            return credentialsResolver.lookup(variable).orElseThrow(() -> parameters.problem(key,
                    "names the variable " + variable + ", which is not set (nor " + variable + "_FILE)"));
        } catch (UncheckedIOException e) {
            throw parameters.problem(key, "names the variable " + variable + ", which is not set, and "
                    + variable + "_FILE names a file that cannot be read: " + e.getCause().getMessage());
        }
    }

    public Optional<UsageSource> find(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    public UsageSource get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no source named '" + name + "'; configured sources: " + sources.keySet()));
    }

    public Collection<UsageSource> all() {
        return sources.values();
    }
}
