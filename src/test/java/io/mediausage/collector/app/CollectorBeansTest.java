package io.mediausage.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.api.SigningProcessor;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.checkpoint.InMemoryCheckpointStore;
import io.mediausage.collector.collect.ApiCallErrorHandling;
import io.mediausage.collector.collect.CollectRoutes;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.group.SourcePartitions;
import io.mediausage.collector.route.UsageRouteTemplates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectorBeansTest {

    private final CollectorBeans beans = new CollectorBeans(Clock.systemUTC(), name -> Optional.empty(),
            new InMemoryCheckpointStore(), exchange -> { }, SourceOwnership.everything(() -> new SourcePartitions(1)));
    private final CamelContext context = new DefaultCamelContext();

    /** Binds the beans as camel-main binds a configuration it is given (BaseMainSupport.loadConfigurations). */
    @BeforeEach
    void bind() throws Exception {
        context.getPropertiesComponent().setLocation("file:config/application.properties");
        CamelBeanPostProcessor postProcessor = PluginHelper.getBeanPostProcessor(context);
        postProcessor.postProcessBeforeInitialization(beans, CollectorBeans.class.getName());
        postProcessor.postProcessAfterInitialization(beans, CollectorBeans.class.getName());
        beans.configure(context);
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void should_bind_every_bean_the_routes_and_their_configuration_refer_to() throws Exception {
        context.addRoutes(new ApiCallErrorHandling());
        context.addRoutes(new CollectRoutes());
        context.addRoutes(new UsageRouteTemplates(beans.sourceCatalog(), beans.apis()));

        List<String> referred = referredBeans(context.getCamelContextExtension().getContextPlugin(Model.class));

        assertThat(referred).contains("windowPublisher", "usageApiCallFailed", "itemFailureOutcome", "scheduledRun");
        referred.forEach(name -> assertThat(context.getRegistry().lookupByName(name)).as(name).isNotNull());
        assertThat(context.getRegistry().lookupByName("usageAnswerLimits")).as("camel-http's client configurer")
                .isNotNull();
    }

    @Test
    void should_register_a_signer_and_an_answer_reader_for_every_protocol_the_call_route_looks_up() {
        for (String protocol : new String[] {TencentApiCall.PROTOCOL, HuaweiApiCall.PROTOCOL}) {
            assertThat(context.getRegistry().lookupByName(protocol + "Signing")).as(protocol + "Signing")
                    .isInstanceOf(SigningProcessor.class);
            assertThat(context.getRegistry().lookupByName(protocol + "ResponseReader")).as(protocol + "ResponseReader")
                    .isInstanceOf(Processor.class);
        }
    }

    @Test
    void should_pair_every_signer_with_an_answer_reader_of_the_same_protocol() {
        Map<String, SigningProcessor> signers = context.getRegistry().findByTypeWithName(SigningProcessor.class);

        assertThat(signers).isNotEmpty();
        signers.forEach((name, signer) -> {
            assertThat(name).endsWith("Signing");
            String protocol = name.substring(0, name.length() - "Signing".length());
            assertThat(context.getRegistry().lookupByName(protocol + "ResponseReader")).as("reader of " + protocol)
                    .isNotNull();
        });
    }

    @Test
    void should_serve_every_registered_api_each_under_its_own_name() {
        assertThat(beans.apis()).isEqualTo(UsageApis.all()).isNotEmpty();
        assertThat(UsageApis.names()).doesNotHaveDuplicates();
    }

    /** The bean names of the {@code process("name")} steps of the routes, templates and route configurations. */
    private static List<String> referredBeans(Model model) {
        List<ProcessorDefinition<?>> outputs = new ArrayList<>();
        model.getRouteDefinitions().stream().map(RouteDefinition::getOutputs).forEach(outputs::addAll);
        model.getRouteTemplateDefinitions().stream().map(RouteTemplateDefinition::getRoute)
                .map(RouteDefinition::getOutputs).forEach(outputs::addAll);
        model.getRouteConfigurationDefinitions().stream().map(RouteConfigurationDefinition::getOnExceptions)
                .forEach(outputs::addAll);
        return ProcessorDefinitionHelper.filterTypeInOutputs(outputs, ProcessDefinition.class).stream()
                .map(ProcessDefinition::getRef).filter(Objects::nonNull).toList(); // null: a processor given as such
    }
}
