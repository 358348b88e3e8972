package io.mediausage.collector.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.mediausage.collector.event.InstantText;
import io.mediausage.collector.event.NameUuids;
import io.mediausage.collector.event.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A {@link UsageEvent} as a Kafka record: the deterministic event id as key (so re-collection upserts in a
 * compacted topic), the JSON event as value, and CloudEvents 1.0 Kafka binary-mode headers.
 */
public final class UsageEventRecords {

    public static final String CE_TYPE = "io.mediausage.usage.v1";
    public static final String CONTENT_TYPE = "application/json";

    // the headers every record carries alike, made once (Kafka only reads a header's value)
    private static final Header SPEC_VERSION = header("ce_specversion", "1.0");
    private static final Header TYPE = header("ce_type", CE_TYPE);
    private static final Header JSON = header("content-type", CONTENT_TYPE);

    /** Writes events with the serializer looked up once, not on each of a window's thousands of events. */
    private final ObjectWriter eventWriter;

    public UsageEventRecords(ObjectMapper objectMapper) {
        this.eventWriter = objectMapper.writerFor(UsageEvent.class);
    }

    /** The value is the event's JSON in UTF-8, written as bytes at once: not as a String the producer encodes again. */
    public ProducerRecord<String, byte[]> record(String topic, UsageEvent event) {
        List<Header> headers = List.of(
                SPEC_VERSION,
                header("ce_id", cloudEventId(event)),
                header("ce_source", "/usage-collector/sources/" + event.sourceName()),
                TYPE,
                header("ce_subject", event.eventId()),
                header("ce_time", InstantText.of(event.collectedAt())),
                JSON);
        try {
            return new ProducerRecord<>(topic, null, event.eventId(), eventWriter.writeValueAsBytes(event), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId() + " as JSON", e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A CloudEvents id is unique per distinct event: the same figure collected twice keeps its id (consumers may
     * drop it as a duplicate), while a restated figure under the same key gets a new one.
     */
    static String cloudEventId(UsageEvent event) {
        String identity = event.eventId() + "/" + event.consumedQuantity().toPlainString();
        return NameUuids.of(identity);
    }
}
