package io.mediausage.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.event.EventOrigin;
import io.mediausage.collector.event.UsageEvent;
import io.mediausage.collector.event.UsageEventFactory;
import io.mediausage.collector.event.UsageJson;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.event.UsageUnits;
import io.mediausage.collector.testing.UsageEventSchema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class UsageEventRecordProcessorTest {

    private final UsageEventRecordProcessor processor = new UsageEventRecordProcessor(UsageJson.objectMapper());

    private static UsageEvent event(String quantity) {
        EventOrigin origin = new EventOrigin("Huawei Cloud", "Live", "cn-north-4", "0a1b2c", "live-main",
                "ListTranscodeData");
        UsageMeasurement m = new UsageMeasurement(Instant.parse("2026-11-20T07:00:00Z"), Duration.ofHours(1),
                "push.example.com", "H265_PVC_SD", "transcode_duration", new BigDecimal(quantity), UsageUnits.MINUTES);
        return new UsageEventFactory().create(origin, m, "req-1", Instant.parse("2026-11-20T09:00:01Z"));
    }

    private Exchange process(UsageEvent event) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("Authorization", "must not reach Kafka");
        exchange.getMessage().setBody(event);
        processor.process(exchange);
        return exchange;
    }

    @Test
    void should_key_the_record_by_event_id_and_add_cloudevents_binary_headers() throws Exception {
        UsageEvent event = event("256.23");

        Exchange exchange = process(event);

        assertThat(exchange.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo(event.eventId());
        assertThat(exchange.getMessage().getHeaders()).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", UsageEventRecordProcessor.CE_TYPE)
                .containsEntry("ce_source", "/usage-collector/sources/live-main")
                .containsEntry("ce_time", "2026-11-20T09:00:01Z")
                .containsEntry("content-type", "application/json")
                .containsKey("ce_id")
                .doesNotContainKey("Authorization");
    }

    @Test
    void should_write_json_that_the_published_schema_accepts() throws Exception {
        String json = process(event("256.23")).getMessage().getBody(String.class);

        assertThat(UsageEventSchema.violations(json)).isEmpty();
        assertThat(json).contains("\"ConsumedQuantity\":256.23").contains("\"ChargePeriodStart\":\"2026-11-20T07:00:00Z\"");
    }

    @Test
    void should_give_a_restated_figure_a_new_cloudevents_id_under_the_same_key() throws Exception {
        Exchange first = process(event("256.23"));
        Exchange restated = process(event("300.00"));

        assertThat(restated.getMessage().getHeader(KafkaConstants.KEY))
                .isEqualTo(first.getMessage().getHeader(KafkaConstants.KEY));
        assertThat(restated.getMessage().getHeader("ce_id")).isNotEqualTo(first.getMessage().getHeader("ce_id"));
        assertThat(process(event("256.23")).getMessage().getHeader("ce_id"))
                .isEqualTo(first.getMessage().getHeader("ce_id"));
    }
}
