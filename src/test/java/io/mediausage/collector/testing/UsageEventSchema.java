package io.mediausage.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The published contract, docs/usage-event.schema.json, as a validator for the events tests read back. */
public final class UsageEventSchema {

    private static final Path SCHEMA = Path.of("docs/usage-event.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema VALIDATOR = load();

    private UsageEventSchema() {
    }

    /** The schema's complaints about one event; empty when it is valid. */
    public static Set<ValidationMessage> violations(String eventJson) {
        try {
            JsonNode event = JSON.readTree(eventJson);
            return VALIDATOR.validate(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
