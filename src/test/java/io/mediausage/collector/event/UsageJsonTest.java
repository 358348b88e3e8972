package io.mediausage.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.testing.UsageEventSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageJsonTest {

    private final ObjectMapper json = UsageJson.objectMapper();

    @Test
    void writes_an_event_with_the_contracts_names_in_its_order() throws Exception {
        UsageEvent event = event(new BigDecimal("256.23"), "ap-guangzhou", "req-1", "chan-1");

        String written = json.writeValueAsString(event);

        assertThat(written).isEqualTo(json.writeValueAsString(fields(event)));
        assertThat(written).startsWith("{\"ChargePeriodStart\":\"2026-11-01T00:00:00Z\","
                + "\"ChargePeriodEnd\":\"2026-11-01T01:00:00Z\",\"ConsumedQuantity\":256.23,");
        assertThat(written).endsWith(",\"x_CollectedAt\":\"2026-11-02T03:04:05.678Z\",\"x_SchemaVersion\":\"1.0\"}");
        assertThat(UsageEventSchema.violations(written)).isEmpty();
    }

    @Test
    void writes_missing_values_as_null_and_quantities_as_plain_decimals() throws Exception {
        UsageEvent event = event(new BigDecimal("1E+3"), null, null, "chan-1");

        String written = json.writeValueAsString(event);

        assertThat(written).isEqualTo(json.writeValueAsString(fields(event)));
        assertThat(written).contains("\"ConsumedQuantity\":1000,").contains("\"RegionId\":null,")
                .contains("\"x_CloudRequestId\":null,");
    }

    @Test
    void escapes_text_as_any_json_string() throws Exception {
        UsageEvent event = event(new BigDecimal("-0.000001"), "ap-guangzhou", "req-1",
                "频道 \"news\"\\\n\u0001é");

        String written = json.writeValueAsString(event);

        assertThat(written).isEqualTo(json.writeValueAsString(fields(event)));
        assertThat(json.readTree(written).get("ResourceId").asText()).isEqualTo(event.resourceId());
        assertThat(written).contains("\"ConsumedQuantity\":-0.000001,");
    }

    private static UsageEvent event(BigDecimal quantity, String region, String requestId, String resource) {
        return new UsageEvent(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T01:00:00Z"), quantity,
                "Events", "Tencent Cloud", "MPS", region, "100000000001", resource, "ssai-preroll",
                "6f1c0e4e-8a52-3c1d-9d7e-2b5f0c6a9e11",
                "impressions", "PT1H", "ssai-hourly", "DescribeStreamPackageSSAIUsage", requestId,
                Instant.parse("2026-11-02T03:04:05.678Z"), UsageEvent.SCHEMA_VERSION);
    }

    /** The event's fields as the contract names and orders them, for the mapper to write as any map. */
    private static Map<String, Object> fields(UsageEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ChargePeriodStart", event.chargePeriodStart());
        fields.put("ChargePeriodEnd", event.chargePeriodEnd());
        fields.put("ConsumedQuantity", event.consumedQuantity());
        fields.put("ConsumedUnit", event.consumedUnit());
        fields.put("ServiceProviderName", event.serviceProviderName());
        fields.put("ServiceName", event.serviceName());
        fields.put("RegionId", event.regionId());
        fields.put("SubAccountId", event.subAccountId());
        fields.put("ResourceId", event.resourceId());
        fields.put("SkuId", event.skuId());
        fields.put("x_EventId", event.eventId());
        fields.put("x_Metric", event.metric());
        fields.put("x_Granularity", event.granularity());
        fields.put("x_SourceName", event.sourceName());
        fields.put("x_ApiAction", event.apiAction());
        fields.put("x_CloudRequestId", event.cloudRequestId());
        fields.put("x_CollectedAt", event.collectedAt());
        fields.put("x_SchemaVersion", event.schemaVersion());
        return fields;
    }
}
