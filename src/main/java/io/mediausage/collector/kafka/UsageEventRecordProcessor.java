package io.mediausage.collector.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.event.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Turns a {@link UsageEvent} into a Kafka record: the deterministic event id as key (so re-collection upserts in a
 * compacted topic), the JSON event as value, and CloudEvents 1.0 Kafka binary-mode headers.
 */
public final class UsageEventRecordProcessor implements Processor {

    public static final String CE_TYPE = "io.mediausage.usage.v1";
    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper objectMapper;

    public UsageEventRecordProcessor(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        UsageEvent event = message.getMandatoryBody(UsageEvent.class);
        String json = objectMapper.writeValueAsString(event);
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, event.eventId());
        message.setHeader("ce_specversion", "1.0");
        message.setHeader("ce_id", cloudEventId(event));
        message.setHeader("ce_source", "/usage-collector/sources/" + event.sourceName());
        message.setHeader("ce_type", CE_TYPE);
        message.setHeader("ce_subject", event.eventId());
        message.setHeader("ce_time", event.collectedAt().toString());
        message.setHeader("content-type", CONTENT_TYPE);
        message.setBody(json);
    }

    /**
     * A CloudEvents id is unique per distinct event: the same figure collected twice keeps its id (consumers may
     * drop it as a duplicate), while a restated figure under the same key gets a new one.
     */
    static String cloudEventId(UsageEvent event) {
        String identity = event.eventId() + "/" + event.consumedQuantity().toPlainString();
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
