package io.mediausage.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.HuaweiApiCall;
import io.mediausage.collector.api.SigningProcessor;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.checkpoint.InMemoryCheckpointStore;
import io.mediausage.collector.group.SourceOwnership;
import io.mediausage.collector.group.SourcePartitions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Processor;
import org.junit.jupiter.api.Test;

class CollectorBeansTest {

    private final Map<String, Object> named = new CollectorBeans(Clock.systemUTC(), name -> Optional.empty(),
            new InMemoryCheckpointStore(), exchange -> { }, SourceOwnership.everything(() -> new SourcePartitions(1))).named();

    @Test
    void should_register_a_signer_and_an_answer_reader_for_every_protocol_the_call_route_looks_up() {
        for (String protocol : new String[] {TencentApiCall.PROTOCOL, HuaweiApiCall.PROTOCOL}) {
            assertThat(named.get(protocol + "Signing")).as(protocol + "Signing").isInstanceOf(SigningProcessor.class);
            assertThat(named.get(protocol + "ResponseReader")).as(protocol + "ResponseReader")
                    .isInstanceOf(Processor.class);
        }
    }

    @Test
    void should_pair_every_signer_with_an_answer_reader_of_the_same_protocol() {
        named.forEach((name, bean) -> {
            if (bean instanceof SigningProcessor<?>) {
                assertThat(name).endsWith("Signing");
                String protocol = name.substring(0, name.length() - "Signing".length());
                assertThat(named).as("reader of " + protocol).containsKey(protocol + "ResponseReader");
            }
        });
    }

    @Test
    void should_serve_every_registered_api_each_under_its_own_name() {
        CollectorBeans beans = new CollectorBeans(Clock.systemUTC(), name -> Optional.empty(),
                new InMemoryCheckpointStore(), exchange -> { }, SourceOwnership.everything(() -> new SourcePartitions(1)));

        assertThat(beans.apis()).isEqualTo(UsageApis.all()).isNotEmpty();
        assertThat(UsageApis.names()).doesNotHaveDuplicates();
    }
}
