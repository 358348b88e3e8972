package io.mediausage.collector.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The published usage event: FOCUS columns plus {@code x_}-prefixed collector fields.
 * The contract is {@code docs/usage-event.schema.json}; change both together and bump {@link #SCHEMA_VERSION}.
 */
@JsonPropertyOrder({
    "ChargePeriodStart", "ChargePeriodEnd", "ConsumedQuantity", "ConsumedUnit", "ServiceProviderName",
    "ServiceName", "RegionId", "SubAccountId", "ResourceId", "SkuId", "x_EventId", "x_Metric", "x_Granularity",
    "x_SourceName", "x_ApiAction", "x_CloudRequestId", "x_CollectedAt", "x_SchemaVersion"
})
public record UsageEvent(
        @JsonProperty("ChargePeriodStart") Instant chargePeriodStart,
        @JsonProperty("ChargePeriodEnd") Instant chargePeriodEnd,
        @JsonProperty("ConsumedQuantity") BigDecimal consumedQuantity,
        @JsonProperty("ConsumedUnit") String consumedUnit,
        @JsonProperty("ServiceProviderName") String serviceProviderName,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("RegionId") String regionId,
        @JsonProperty("SubAccountId") String subAccountId,
        @JsonProperty("ResourceId") String resourceId,
        @JsonProperty("SkuId") String skuId,
        @JsonProperty("x_EventId") String eventId,
        @JsonProperty("x_Metric") String metric,
        @JsonProperty("x_Granularity") String granularity,
        @JsonProperty("x_SourceName") String sourceName,
        @JsonProperty("x_ApiAction") String apiAction,
        @JsonProperty("x_CloudRequestId") String cloudRequestId,
        @JsonProperty("x_CollectedAt") Instant collectedAt,
        @JsonProperty("x_SchemaVersion") String schemaVersion) {

    public static final String SCHEMA_VERSION = "1.0";
}
