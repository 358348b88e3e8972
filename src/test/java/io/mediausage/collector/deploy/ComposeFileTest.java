package io.mediausage.collector.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** docker-compose.yml checked without a Docker engine: against the Compose Specification schema, and the config. */
class ComposeFileTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    private JsonNode compose() throws Exception {
        return yaml.readTree(Path.of("docker-compose.yml").toFile());
    }

    @Test
    void should_be_valid_against_the_compose_specification() throws Exception {
        JsonNode specification;
        try (InputStream in = getClass().getResourceAsStream("/compose-spec/compose-spec.json")) {
            specification = new ObjectMapper().readTree(in);
        }
        dropDraft04Ids(specification);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(specification);

        assertThat(schema.validate(compose())).isEmpty();
    }

    /**
     * The published file names its parts with draft-04 {@code id}s under a 2019-09 {@code $schema}, which the
     * validator refuses; the names are not needed to validate. (A property called "id" is an object, and stays.)
     */
    private static void dropDraft04Ids(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").isTextual()) {
            object.remove("id");
        }
        node.forEach(ComposeFileTest::dropDraft04Ids);
    }

    @Test
    void should_create_every_default_usage_topic_compacted_and_the_collectors_own_topics() throws Exception {
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        }
        String createTopics = compose().path("services").path("create-topics").path("command").get(0).asText();

        List<String> usageTopics = config.stringPropertyNames().stream().filter(k -> k.endsWith(".topic"))
                .filter(k -> k.startsWith("usage.tencent-") || k.startsWith("usage.huawei-"))
                .map(config::getProperty).toList();
        assertThat(usageTopics).hasSize(5);
        assertThat(createTopics).contains(usageTopics).contains("cleanup.policy=compact")
                .contains(config.getProperty("usage.checkpoint-topic"))
                .contains(config.getProperty("usage.dead-letter-topic"));
    }

    @Test
    void should_run_the_built_jar_with_the_ops_configuration_and_credentials_from_an_env_file() throws Exception {
        JsonNode collector = compose().path("services").path("collector");

        assertThat(collector.path("build").asText()).isEqualTo(".");
        assertThat(collector.path("env_file").asText()).isEqualTo(".env");
        assertThat(collector.path("volumes").toString()).contains("./config:/app/config").contains("./routes:/app/routes");
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("COPY target/usage-collector.jar")
                .contains("USER 10001").contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/usage-collector.jar\"]");
        assertThat(collector.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(Files.readString(Path.of(".env.example"))).contains("TENCENTCLOUD_SECRET_KEY=")
                .contains("CLOUD_SDK_SK=");
    }
}
