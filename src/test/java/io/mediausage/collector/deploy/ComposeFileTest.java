package io.mediausage.collector.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.mediausage.collector.api.UsageApis;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml checked without a Docker engine: against the Compose Specification schema, and the config. */
class ComposeFileTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    private JsonNode compose() throws Exception {
        return yaml.readTree(Path.of("docker-compose.yml").toFile());
    }

    private static Properties config() throws Exception {
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        }
        return config;
    }

    /** The services that run the collector's image: its replicas. */
    private List<String> replicas() throws Exception {
        JsonNode services = compose().path("services");
        String image = services.path("collector").path("image").asText();
        List<String> replicas = new ArrayList<>();
        services.properties().forEach(service -> {
            if (service.getValue().path("image").asText().equals(image)) {
                replicas.add(service.getKey());
            }
        });
        return replicas;
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
        Properties config = config();
        JsonNode createTopics = compose().path("services").path("create-topics");
        String command = createTopics.path("command").get(0).asText();

        // the command reads the topics from the mounted configuration with sed: apply its expression to the file
        Matcher sed = Pattern.compile("for topic in \\$\\$\\(sed -n 's/(.+)//p' /config/application.properties\\); do")
                .matcher(command);
        assertThat(sed.find()).as("the topic loop reads /config/application.properties").isTrue();
        assertThat(createTopics.path("volumes").toString()).contains("./config:/config:ro");
        Pattern topicLine = Pattern.compile(sed.group(1)); // a basic sed expression reads the same in Java
        List<String> created = Files.readAllLines(Path.of("config/application.properties")).stream()
                .map(topicLine::matcher).filter(Matcher::find).map(line -> line.replaceFirst("")).toList();

        List<String> usageTopics = UsageApis.names().stream().map(api -> config.getProperty("usage." + api + ".topic"))
                .toList();
        assertThat(usageTopics).doesNotContainNull().hasSize(UsageApis.all().size());
        assertThat(created).containsExactlyInAnyOrderElementsOf(usageTopics);
        assertThat(command).contains("cleanup.policy=compact")
                .contains(config.getProperty("usage.checkpoint-topic"))
                .contains(config.getProperty("usage.dead-letter-topic"));
        // the group's coordination topic, with the partitions the collector would create it with
        assertThat(config.getProperty("usage.group.coordination-topic")).as("usage.group.coordination-topic").isNotNull();
        assertThat(command).contains("--topic " + config.getProperty("usage.group.coordination-topic")
                + " --partitions " + config.getProperty("usage.group.partitions"));
    }

    @Test
    void should_run_two_replicas_alike_but_for_their_group_member_id_and_host_port() throws Exception {
        String instanceId = config().getProperty("usage.group.instance-id");
        assertThat(instanceId).as("usage.group.instance-id").isNotNull();
        // Camel's override rule: the variable the collector reads its static member id from, USAGE_GROUP_INSTANCE_ID
        String variable = "usage.group.instance-id".toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
        JsonNode services = compose().path("services");
        List<String> replicas = replicas();

        assertThat(replicas).containsExactly("collector", "collector-2");
        List<String> memberIds = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        List<JsonNode> rest = new ArrayList<>();
        for (String replica : replicas) {
            ObjectNode service = services.path(replica).deepCopy();
            JsonNode memberId = ((ObjectNode) service.path("environment")).remove(variable);
            assertThat(memberId).as(replica + " sets " + variable).isNotNull();
            memberIds.add(memberId.asText());
            service.remove("ports").forEach(port -> ports.add(port.asText()));
            rest.add(service);
        }
        assertThat(memberIds).doesNotContain("").doesNotHaveDuplicates();
        assertThat(ports).hasSize(2).doesNotHaveDuplicates().allMatch(port -> port.startsWith("127.0.0.1:"))
                .allMatch(port -> port.endsWith(":8080"));
        assertThat(rest.get(1)).as("collector-2 but for its member id and port").isEqualTo(rest.get(0));
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

    @Test
    void should_keep_prometheus_and_grafana_optional_in_the_observability_profile() throws Exception {
        JsonNode services = compose().path("services");

        for (String optional : List.of("prometheus", "grafana")) {
            assertThat(services.path(optional).path("profiles").toString()).as(optional).isEqualTo("[\"observability\"]");
        }
        for (String always : List.of("kafka", "create-topics", "collector", "collector-2")) {
            assertThat(services.path(always).has("profiles")).as(always).isFalse();
        }
    }

    @Test
    void should_let_prometheus_scrape_the_collector_and_load_the_mounted_rules() throws Exception {
        JsonNode prometheus = compose().path("services").path("prometheus");
        Map<String, String> mounts = mounts(prometheus);
        JsonNode config = yaml.readTree(Path.of(mounts.get("/etc/prometheus/prometheus.yml")).toFile());
        JsonNode job = config.path("scrape_configs").get(0);

        assertThat(job.path("job_name").asText()).isEqualTo("usage-collector");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/observe/metrics");
        // every replica's service name and the port it publishes
        List<String> targets = new ArrayList<>();
        job.path("static_configs").get(0).path("targets").forEach(target -> targets.add(target.asText()));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(replicas().stream().map(r -> r + ":8080").toList());
        assertThat(compose().path("services").path("collector").path("ports").toString()).contains("8080:8080");
        List<String> ruleFiles = new ArrayList<>();
        config.path("rule_files").forEach(file -> ruleFiles.add(file.asText()));
        assertThat(ruleFiles).isNotEmpty();
        assertThat(mounts.keySet()).containsAll(ruleFiles);
        ruleFiles.forEach(file -> assertThat(Path.of(mounts.get(file))).isRegularFile());
    }

    @Test
    void should_provision_grafana_with_the_prometheus_data_source_the_dashboard_names() throws Exception {
        JsonNode grafana = compose().path("services").path("grafana");
        Map<String, String> mounts = mounts(grafana);
        Path provisioning = Path.of(mounts.get("/etc/grafana/provisioning"));
        Path dashboards = Path.of(mounts.get("/var/lib/grafana/dashboards"));
        JsonNode dataSource = yaml.readTree(provisioning.resolve("datasources/prometheus.yml").toFile())
                .path("datasources").get(0);
        JsonNode provider = yaml.readTree(provisioning.resolve("dashboards/usage-collector.yml").toFile())
                .path("providers").get(0);
        JsonNode dashboard = new ObjectMapper().readTree(dashboards.resolve("usage-collector.json").toFile());

        assertThat(dataSource.path("type").asText()).isEqualTo("prometheus");
        assertThat(dataSource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(compose().path("services").path("prometheus").path("ports").toString()).contains(":9090");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        List<String> uids = new ArrayList<>();
        dashboard.findValues("datasource").forEach(ds -> uids.add(ds.path("uid").asText()));
        assertThat(uids).isNotEmpty().containsOnly(dataSource.path("uid").asText());
    }

    /** A service's bind mounts: path in the container to path in the repository (named volumes left out). */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> mounts = new HashMap<>();
        service.path("volumes").forEach(volume -> {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[1], parts[0]);
            }
        });
        return mounts;
    }
}
