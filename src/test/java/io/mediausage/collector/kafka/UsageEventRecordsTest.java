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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class UsageEventRecordsTest {

    private final UsageEventRecords records = new UsageEventRecords(UsageJson.objectMapper());

    private static UsageEvent event(String quantity) {
        EventOrigin origin = new EventOrigin("Huawei Cloud", "Live", "cn-north-4", "0a1b2c", "live-main",
                "ListTranscodeData");
        UsageMeasurement m = new UsageMeasurement(Instant.parse("2026-11-20T07:00:00Z"), Duration.ofHours(1),
                "push.example.com", "H265_PVC_SD", "transcode_duration", new BigDecimal(quantity), UsageUnits.MINUTES);
        return new UsageEventFactory().create(origin, m, "req-1", Instant.parse("2026-11-20T09:00:01Z"));
    }

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String value(ProducerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void should_key_the_record_by_event_id_and_add_cloudevents_binary_headers() {
        UsageEvent event = event("256.23");

        ProducerRecord<String, byte[]> record = records.record("usage.huawei.live", event);

        assertThat(record.topic()).isEqualTo("usage.huawei.live");
        assertThat(record.key()).isEqualTo(event.eventId());
        assertThat(headers(record)).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", UsageEventRecords.CE_TYPE)
                .containsEntry("ce_source", "/usage-collector/sources/live-main")
                .containsEntry("ce_subject", event.eventId())
                .containsEntry("ce_time", "2026-11-20T09:00:01Z")
                .containsEntry("content-type", "application/json")
                .containsKey("ce_id");
    }

    @Test
    void should_write_json_that_the_published_schema_accepts() {
        String json = value(records.record("t", event("256.23")));

        assertThat(UsageEventSchema.violations(json)).isEmpty();
        assertThat(json).contains("\"ConsumedQuantity\":256.23").contains("\"ChargePeriodStart\":\"2026-11-20T07:00:00Z\"");
    }

    @Test
    void should_write_the_record_earlier_versions_wrote() {
        // the key and ce_id are identities consumers already hold: a faster writer must not change a byte
        ProducerRecord<String, byte[]> record = records.record("t", event("256.23"));

        assertThat(record.key()).isEqualTo("6242b5ad-1be8-3040-8b23-8120edf1d44b");
        assertThat(value(record)).isEqualTo("{\"ChargePeriodStart\":\"2026-11-20T07:00:00Z\","
                + "\"ChargePeriodEnd\":\"2026-11-20T08:00:00Z\",\"ConsumedQuantity\":256.23,\"ConsumedUnit\":\"Minutes\","
                + "\"ServiceProviderName\":\"Huawei Cloud\",\"ServiceName\":\"Live\",\"RegionId\":\"cn-north-4\","
                + "\"SubAccountId\":\"0a1b2c\",\"ResourceId\":\"push.example.com\",\"SkuId\":\"H265_PVC_SD\","
                + "\"x_EventId\":\"6242b5ad-1be8-3040-8b23-8120edf1d44b\",\"x_Metric\":\"transcode_duration\","
                + "\"x_Granularity\":\"PT1H\",\"x_SourceName\":\"live-main\",\"x_ApiAction\":\"ListTranscodeData\","
                + "\"x_CloudRequestId\":\"req-1\",\"x_CollectedAt\":\"2026-11-20T09:00:01Z\",\"x_SchemaVersion\":\"1.0\"}");
        assertThat(record.headers().toArray()).extracting(Header::key).containsExactly("ce_specversion", "ce_id",
                "ce_source", "ce_type", "ce_subject", "ce_time", "content-type");
        assertThat(headers(record)).containsEntry("ce_id", "386f4956-527c-31c3-9aad-976aeccb584c");
    }

    @Test
    void should_write_a_collection_time_with_its_fraction_of_a_second() {
        UsageEvent event = event("1");
        UsageEvent collected = new UsageEvent(event.chargePeriodStart(), event.chargePeriodEnd(),
                event.consumedQuantity(), event.consumedUnit(), event.serviceProviderName(), event.serviceName(),
                event.regionId(), event.subAccountId(), event.resourceId(), event.skuId(), event.eventId(),
                event.metric(), event.granularity(), event.sourceName(), event.apiAction(), event.cloudRequestId(),
                Instant.parse("2026-11-20T09:00:01.000120Z"), event.schemaVersion());

        ProducerRecord<String, byte[]> record = records.record("t", collected);

        assertThat(value(record)).contains("\"x_CollectedAt\":\"2026-11-20T09:00:01.000120Z\"");
        assertThat(headers(record)).containsEntry("ce_time", "2026-11-20T09:00:01.000120Z");
    }

    @Test
    void should_write_the_value_in_utf8() {
        UsageEvent event = event("1");
        UsageEvent named = new UsageEvent(event.chargePeriodStart(), event.chargePeriodEnd(),
                event.consumedQuantity(), event.consumedUnit(), event.serviceProviderName(), event.serviceName(),
                event.regionId(), event.subAccountId(), "直播频道-1", event.skuId(), event.eventId(),
                event.metric(), event.granularity(), event.sourceName(), event.apiAction(), event.cloudRequestId(),
                event.collectedAt(), event.schemaVersion());

        byte[] value = records.record("t", named).value();

        assertThat(value).containsSequence("\"ResourceId\":\"直播频道-1\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_give_a_restated_figure_a_new_cloudevents_id_under_the_same_key() {
        ProducerRecord<String, byte[]> first = records.record("t", event("256.23"));
        ProducerRecord<String, byte[]> restated = records.record("t", event("300.00"));

        assertThat(restated.key()).isEqualTo(first.key());
        assertThat(headers(restated).get("ce_id")).isNotEqualTo(headers(first).get("ce_id"));
        assertThat(headers(records.record("t", event("256.23"))).get("ce_id")).isEqualTo(headers(first).get("ce_id"));
    }
}
