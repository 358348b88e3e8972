package io.mediausage.collector.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;

/** The one JSON configuration of the collector: ISO-8601 instants, plain decimals, and the events' JSON form. */
public final class UsageJson {

    private UsageJson() {
    }

    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // the same text as JavaTimeModule's ISO_INSTANT, written faster (added after it, so it wins)
                .addModule(new SimpleModule("usage-json")
                        .addSerializer(Instant.class, new InstantTextSerializer())
                        .addSerializer(UsageEvent.class, new UsageEventSerializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /** Writes an {@link Instant} as {@link InstantText} does. */
    private static final class InstantTextSerializer extends StdSerializer<Instant> {

        InstantTextSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(InstantText.of(value));
        }
    }

    /**
     * Writes a {@link UsageEvent} as the contract, {@code docs/usage-event.schema.json}, has it: FOCUS columns, then the
     * collector's {@code x_} fields, in this order, a missing value as null. Field by field, with the names quoted once:
     * the bean serializer, which finds each event's properties through their annotations, was the larger part of
     * making a window's thousands of records.
     */
    private static final class UsageEventSerializer extends StdSerializer<UsageEvent> {

        private static final SerializableString CHARGE_PERIOD_START = new SerializedString("ChargePeriodStart");
        private static final SerializableString CHARGE_PERIOD_END = new SerializedString("ChargePeriodEnd");
        private static final SerializableString CONSUMED_QUANTITY = new SerializedString("ConsumedQuantity");
        private static final SerializableString CONSUMED_UNIT = new SerializedString("ConsumedUnit");
        private static final SerializableString SERVICE_PROVIDER_NAME = new SerializedString("ServiceProviderName");
        private static final SerializableString SERVICE_NAME = new SerializedString("ServiceName");
        private static final SerializableString REGION_ID = new SerializedString("RegionId");
        private static final SerializableString SUB_ACCOUNT_ID = new SerializedString("SubAccountId");
        private static final SerializableString RESOURCE_ID = new SerializedString("ResourceId");
        private static final SerializableString SKU_ID = new SerializedString("SkuId");
        private static final SerializableString EVENT_ID = new SerializedString("x_EventId");
        private static final SerializableString METRIC = new SerializedString("x_Metric");
        private static final SerializableString GRANULARITY = new SerializedString("x_Granularity");
        private static final SerializableString SOURCE_NAME = new SerializedString("x_SourceName");
        private static final SerializableString API_ACTION = new SerializedString("x_ApiAction");
        private static final SerializableString CLOUD_REQUEST_ID = new SerializedString("x_CloudRequestId");
        private static final SerializableString COLLECTED_AT = new SerializedString("x_CollectedAt");
        private static final SerializableString SCHEMA_VERSION = new SerializedString("x_SchemaVersion");

        UsageEventSerializer() {
            super(UsageEvent.class);
        }

        @Override
        public void serialize(UsageEvent event, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeStartObject(event);
            instant(generator, CHARGE_PERIOD_START, event.chargePeriodStart());
            instant(generator, CHARGE_PERIOD_END, event.chargePeriodEnd());
            generator.writeFieldName(CONSUMED_QUANTITY);
            if (event.consumedQuantity() == null) {
                generator.writeNull();
            } else {
                generator.writeNumber(event.consumedQuantity());
            }
            text(generator, CONSUMED_UNIT, event.consumedUnit());
            text(generator, SERVICE_PROVIDER_NAME, event.serviceProviderName());
            text(generator, SERVICE_NAME, event.serviceName());
            text(generator, REGION_ID, event.regionId());
            text(generator, SUB_ACCOUNT_ID, event.subAccountId());
            text(generator, RESOURCE_ID, event.resourceId());
            text(generator, SKU_ID, event.skuId());
            text(generator, EVENT_ID, event.eventId());
            text(generator, METRIC, event.metric());
            text(generator, GRANULARITY, event.granularity());
            text(generator, SOURCE_NAME, event.sourceName());
            text(generator, API_ACTION, event.apiAction());
            text(generator, CLOUD_REQUEST_ID, event.cloudRequestId());
            instant(generator, COLLECTED_AT, event.collectedAt());
            text(generator, SCHEMA_VERSION, event.schemaVersion());
            generator.writeEndObject();
        }

        private static void text(JsonGenerator generator, SerializableString name, String value) throws IOException {
            generator.writeFieldName(name);
            generator.writeString(value); // null as null
        }

        private static void instant(JsonGenerator generator, SerializableString name, Instant value)
                throws IOException {
            text(generator, name, value == null ? null : InstantText.of(value));
        }
    }
}
