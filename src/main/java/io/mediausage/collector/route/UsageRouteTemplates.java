package io.mediausage.collector.route;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.catalog.SourceCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * One route template per usage API. A source is an instance of its API's template (declared in
 * {@code routes/*.yaml}); creating the route registers the source in the {@link SourceCatalog}, which validates it.
 *
 * <p>Each route: the Quartz schedule fires (never while the previous run of the source is still going), the planner
 * lists the windows due (from the checkpoint to now minus the settle delay, then the repair of item gaps) and they are
 * collected, several at a time and published in order (see WindowRunner). A failed window stops the run so the
 * checkpoint never passes it; the next run starts again from it.
 */
public final class UsageRouteTemplates extends RouteBuilder {

    private final SourceCatalog catalog;
    private final List<UsageApi> apis;

    public UsageRouteTemplates(SourceCatalog catalog, List<UsageApi> apis) {
        this.catalog = catalog;
        this.apis = apis;
    }

    @Override
    public void configure() {
        Model model = getContext().getCamelContextExtension().getContextPlugin(Model.class);
        apis.forEach(api -> {
            template(api);
            // a YAML templatedRoute without a routeId would get a generated one: name the route after its source
            model.addRouteTemplateDefinitionConverter(api.name(), (template, parameters) -> {
                RouteDefinition route = RouteTemplateDefinition.Converter.DEFAULT_CONVERTER.apply(template, parameters);
                route.setId(String.valueOf(parameters.get(SourceCatalog.SOURCE_NAME)));
                return route;
            });
        });
    }

    /**
     * Every parameter of an API's template: those every source has, then the API's own. The configuration check
     * reads the same list, so the parameters and {@code usage.*} keys it accepts are exactly those the templates use.
     */
    public static List<TemplateParameter> parameters(UsageApi api) {
        String defaults = "{{usage." + api.name() + ".";
        List<TemplateParameter> parameters = new ArrayList<>(List.of(
                TemplateParameter.required(SourceCatalog.SOURCE_NAME, null,
                        "Unique name of the source; also its route id, Quartz job usage/<name> and x_SourceName"),
                TemplateParameter.required(SourceCatalog.SCHEDULE, defaults + "schedule}}",
                        "Quartz cron of the collection runs"),
                TemplateParameter.required(SourceCatalog.SCHEDULE_TIME_ZONE, "{{usage.schedule-time-zone}}",
                        "Time zone of the cron"),
                TemplateParameter.required(SourceCatalog.ENDPOINT, defaults + "endpoint}}",
                        "API base URL; the documented host unless overridden"),
                TemplateParameter.required(SourceCatalog.TOPIC, defaults + "topic}}", "Kafka topic of the events"),
                TemplateParameter.required(SourceCatalog.START, defaults + "start}}",
                        "First instant the first run collects from: ISO instant, or a duration before now (P7D)"),
                TemplateParameter.required(SourceCatalog.SETTLE_DELAY, defaults + "settle-delay}}",
                        "How long after a bucket ends it is collected (ISO duration)"),
                TemplateParameter.required(SourceCatalog.LOOKBACK, defaults + "lookback}}",
                        "How far behind the settled edge each run collects again, for late restatements (ISO duration)"),
                TemplateParameter.required(SourceCatalog.RATE_LIMIT, defaults + "rate-limit}}",
                        "Requests per second for this API and these credentials, shared by every source using them"),
                TemplateParameter.required(SourceCatalog.ACCESS_KEY_ID_VARIABLE, defaults + "access-key-id-variable}}",
                        "Environment variable holding the access key id"),
                TemplateParameter.required(SourceCatalog.SECRET_KEY_VARIABLE, defaults + "secret-key-variable}}",
                        "Environment variable holding the secret key (secret)"),
                TemplateParameter.optional(SourceCatalog.SECURITY_TOKEN_VARIABLE,
                        "Environment variable holding a temporary security token (secret)")));
        parameters.addAll(api.templateParameters());
        return parameters;
    }

    private void template(UsageApi api) {
        RouteTemplateDefinition template = routeTemplate(api.name());
        parameters(api).forEach(parameter -> {
            if (parameter.required()) {
                template.templateParameter(parameter.name(), parameter.defaultValue(), parameter.description());
            } else {
                template.templateOptionalParameter(parameter.name(), parameter.description());
            }
        });
        template.configure(context -> catalog.register(api, context.getParameters(),
                        context.getCamelContext()::resolvePropertyPlaceholders))
                .from("quartz:usage/{{sourceName}}?cron=RAW({{schedule}})&trigger.timeZone={{scheduleTimeZone}}&stateful=true")
                .onException(Throwable.class).handled(true) // an Error too: the next run must still start
                    .log(LoggingLevel.ERROR, "Run of source {{sourceName}} stopped at a failed window, which the next "
                            + "run collects again: ${exception.message}")
                .end()
                .setProperty(UsageExchange.SOURCE, constant("{{sourceName}}")) // for the run's log lines
                .setBody(constant("{{sourceName}}"))
                .process("scheduledWindows")
                .process("scheduledRun");
    }
}
