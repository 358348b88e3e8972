package io.mediausage.collector.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;

/** The one JSON configuration of the collector: ISO-8601 instants, plain decimals. */
public final class UsageJson {

    private UsageJson() {
    }

    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // the same text as JavaTimeModule's ISO_INSTANT, written faster (added after it, so it wins)
                .addModule(new SimpleModule("instant-text").addSerializer(Instant.class, new InstantTextSerializer()))
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
}
