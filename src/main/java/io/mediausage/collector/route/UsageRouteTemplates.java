package io.mediausage.collector.route;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.catalog.SourceCatalog;
import io.mediausage.collector.catalog.SourceContract;
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
                route.setId(String.valueOf(parameters.get(SourceContract.SOURCE_NAME.name())));
                return route;
            });
        });
    }

    private void template(UsageApi api) {
        RouteTemplateDefinition template = routeTemplate(api.name());
        SourceContract.of(api).forEach(parameter -> {
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
