package io.mediausage.collector.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.main.MainConfigurationProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under k8s/, checked without a cluster: parsed strictly into fabric8's typed model, then
 * held to what the collector reads and serves, as config/application.properties, the route files, the Dockerfile
 * and docker-compose.yml say (never to literals repeated here).
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    /** {@code {{env:NAME:default}}}, as config/application.properties reads a variable. */
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}}");
    /** {@code ${env:NAME...}} or an {@code EnvironmentArbiter}'s {@code propertyName}, as log4j2.xml reads a variable. */
    private static final Pattern LOG4J_ENV_LOOKUP = Pattern.compile(
            "\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)|EnvironmentArbiter propertyName=\"([A-Za-z_][A-Za-z0-9_]*)\"");
    /** Read by the JVM itself, not by the collector. */
    private static final String JVM_OPTIONS_VARIABLE = "JAVA_TOOL_OPTIONS";
    /** Camel's own defaults, for the management settings config/application.properties leaves as they are. */
    private static final MainConfigurationProperties CAMEL_DEFAULTS = new MainConfigurationProperties();
    private static final long MIB = 1024 * 1024;
    /** The heap the collector was shown to need: BackfillYearIT and WideWindowMemoryIT run it at -Xmx128m. */
    private static final long HEAP_SHOWN_TO_SUFFICE = 128 * MIB;
    /** Outside the heap: WideWindowMemoryIT measured a peak RSS of 294 MiB at -Xmx128m. */
    private static final long MEASURED_BEYOND_HEAP = (294 - 128) * MIB;

    private static List<HasMetadata> manifests;
    private static Properties config;
    private static StatefulSet statefulSet;
    private static PodSpec pod;
    private static Container collector;
    /** The container's variables that have a value of their own (not from a field or a Secret). */
    private static Map<String, String> values;

    @BeforeAll
    static void load() throws Exception {
        manifests = new KubernetesManifestReader().readAll(K8S);
        config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        }
        statefulSet = only(StatefulSet.class);
        pod = statefulSet.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).as("containers of the collector's pod").hasSize(1);
        collector = pod.getContainers().get(0);
        values = new HashMap<>();
        collector.getEnv().stream().filter(env -> env.getValue() != null)
                .forEach(env -> values.put(env.getName(), env.getValue()));
    }

    @Test
    void should_hold_one_of_each_kind_the_collector_needs() {
        for (Class<? extends HasMetadata> kind : List.of(StatefulSet.class, Service.class, PodDisruptionBudget.class,
                NetworkPolicy.class, Secret.class)) {
            only(kind);
        }
        assertThat(all(ConfigMap.class)).hasSize(2);
    }

    @Test
    void should_run_two_replicas_side_by_side_each_a_static_member_named_after_its_pod() {
        String instanceIdVariable = variableOf("usage.group.instance-id");

        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(2);
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        EnvVar instanceId = collector.getEnv().stream().filter(env -> env.getName().equals(instanceIdVariable))
                .findFirst().orElseThrow(() -> new AssertionError(instanceIdVariable + " is not set"));
        assertThat(instanceId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(collector.getArgs()).containsExactly("run");
    }

    @Test
    void should_probe_the_paths_and_the_port_the_management_server_serves() {
        String healthPath = config.getProperty("camel.management.health-path",
                CAMEL_DEFAULTS.httpManagementServer().getHealthPath());
        int port = Integer.parseInt(resolve("camel.management.port"));

        assertThat(config.getProperty("camel.management.enabled")).isEqualTo("true");
        assertThat(config.getProperty("camel.management.health-check-enabled")).isEqualTo("true");
        assertThat(resolve("camel.management.host")).as("the kubelet probes the pod's address")
                .isNotIn("127.0.0.1", "localhost");
        assertThat(collector.getLivenessProbe().getHttpGet().getPath()).isEqualTo(healthPath + "/live");
        assertThat(collector.getStartupProbe().getHttpGet().getPath()).isEqualTo(healthPath + "/live");
        assertThat(collector.getReadinessProbe().getHttpGet().getPath()).isEqualTo(healthPath + "/ready");
        for (Probe probe : List.of(collector.getLivenessProbe(), collector.getReadinessProbe(),
                collector.getStartupProbe())) {
            assertThat(containerPort(probe.getHttpGet().getPort())).isEqualTo(port);
        }
    }

    @Test
    void should_announce_the_metrics_path_and_port_to_prometheus_and_admit_it_there() {
        String metricsPath = config.getProperty("camel.metrics.path", CAMEL_DEFAULTS.metrics().getPath());
        int port = Integer.parseInt(resolve("camel.management.port"));
        Map<String, String> annotations = statefulSet.getSpec().getTemplate().getMetadata().getAnnotations();
        NetworkPolicy policy = only(NetworkPolicy.class);
        Service service = only(Service.class);

        assertThat(config.getProperty("camel.management.metrics-enabled")).isEqualTo("true");
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", metricsPath)
                .containsEntry("prometheus.io/port", String.valueOf(port));
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(policy.getSpec().getIngress().get(0).getPorts()).singleElement()
                .satisfies(allowed -> assertThat(containerPort(allowed.getPort())).isEqualTo(port));
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(exposed -> assertThat(containerPort(exposed.getTargetPort())).isEqualTo(port));
    }

    @Test
    void should_set_only_variables_the_collector_or_the_jvm_reads_and_the_kafka_brokers() throws Exception {
        Set<String> read = new TreeSet<>(placeholderVariables());
        read.addAll(overridingVariables());
        read.addAll(log4jVariables());
        for (String credential : credentialVariables()) {
            read.add(credential);
            read.add(credential + "_FILE");
        }
        read.add(JVM_OPTIONS_VARIABLE);

        assertThat(collector.getEnv()).extracting(EnvVar::getName).isSubsetOf(read);
        assertThat(values.get(variableOf("camel.component.kafka.brokers"))).as("the Kafka brokers").isNotBlank();
    }

    @Test
    void should_take_every_credential_variable_from_the_example_secrets_keys() throws Exception {
        Secret secret = only(Secret.class);

        assertThat(collector.getEnvFrom()).extracting(EnvFromSource::getSecretRef).singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo(secret.getMetadata().getName()));
        assertThat(secret.getStringData().keySet()).containsAll(credentialVariables());
        assertThat(secret.getStringData().values()).as("example values, never real ones")
                .allMatch(value -> value.matches("<[^<>]+>"));
    }

    @Test
    void should_apply_every_manifest_of_the_directory_with_kustomize_but_the_example_secret() throws Exception {
        JsonNode kustomization = new ObjectMapper(new YAMLFactory()).readTree(K8S.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> resources.add(resource.asText()));
        List<String> manifestFiles;
        try (Stream<Path> files = Files.list(K8S)) {
            manifestFiles = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList();
        }
        List<HasMetadata> applied = new ArrayList<>();
        for (String resource : resources) {
            applied.addAll(new KubernetesManifestReader().read(K8S.resolve(resource)));
        }

        assertThat(resources).containsExactlyInAnyOrderElementsOf(manifestFiles);
        // an apply must never replace the real credentials with the example's placeholders
        assertThat(applied).extracting(HasMetadata::getKind).doesNotContain("Secret").contains("StatefulSet");
    }

    @Test
    void should_mount_config_maps_identical_to_the_repository_config_and_route_files() throws Exception {
        String workingDirectory = dockerfile("WORKDIR");
        // file:routes/*.yaml: the directory of the route files, relative to the working directory
        Path routes = Path.of(config.getProperty("camel.main.routes-include-pattern").replaceFirst("^file:", ""))
                .getParent();

        assertThat(configMapMountedAt(workingDirectory + "/config").getData())
                .as("the ConfigMap of config/ (run k8s/configmaps.sh after editing config/)")
                .isEqualTo(files(Path.of("config")));
        assertThat(configMapMountedAt(workingDirectory + "/" + routes).getData())
                .as("the ConfigMap of " + routes + "/ (run k8s/configmaps.sh after editing " + routes + "/)")
                .isEqualTo(files(routes));
    }

    @Test
    void should_run_the_image_compose_builds_as_its_user_on_a_read_only_root() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        VolumeMount tmp = collector.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow(() -> new AssertionError("/tmp is not mounted"));

        assertThat(collector.getImage()).isEqualTo(compose.path("services").path("collector").path("image").asText());
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(Long.parseLong(dockerfile("USER")));
        assertThat(collector.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(collector.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(collector.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(volume(tmp.getName()).getEmptyDir()).as("/tmp is writable scratch space").isNotNull();
    }

    @Test
    void should_give_the_jvm_a_heap_that_fits_the_memory_limit_beside_what_it_uses_outside_the_heap() {
        Quantity limit = collector.getResources().getLimits().get("memory");
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(values.get(JVM_OPTIONS_VARIABLE));
        assertThat(percentage.find()).as("the heap is a share of the memory limit").isTrue();
        BigDecimal limitBytes = Quantity.getAmountInBytes(limit);
        long heap = limitBytes.multiply(new BigDecimal(percentage.group(1))).divide(BigDecimal.valueOf(100))
                .longValue();

        assertThat(heap).isGreaterThanOrEqualTo(HEAP_SHOWN_TO_SUFFICE);
        assertThat(limitBytes.longValue() - heap).isGreaterThanOrEqualTo(MEASURED_BEYOND_HEAP);
        assertThat(Quantity.getAmountInBytes(collector.getResources().getRequests().get("memory")))
                .isEqualByComparingTo(limitBytes);
        assertThat(collector.getResources().getRequests()).containsKey("cpu");
    }

    @Test
    void should_give_a_stopping_replica_longer_than_the_collectors_shutdown_timeout() {
        long shutdownTimeout = Long.parseLong(config.getProperty("camel.main.shutdown-timeout"));

        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(shutdownTimeout);
    }

    @Test
    void should_select_the_collectors_pods_from_its_service_budget_and_network_policy() {
        Map<String, String> labels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();
        Service service = only(Service.class);
        PodDisruptionBudget budget = only(PodDisruptionBudget.class);

        assertThat(labels).containsAllEntriesOf(statefulSet.getSpec().getSelector().getMatchLabels());
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo(service.getMetadata().getName());
        assertThat(service.getSpec().getClusterIP()).as("headless").isEqualTo("None");
        assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(labels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(labels).containsAllEntriesOf(only(NetworkPolicy.class).getSpec().getPodSelector().getMatchLabels());
    }

    @Test
    void should_spread_the_replicas_over_nodes() {
        Map<String, String> labels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
            assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(spread.getMaxSkew()).isEqualTo(1);
            assertThat(labels).containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
        });
    }

    private static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return manifests.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T only(Class<T> kind) {
        List<T> found = all(kind);
        assertThat(found).as(kind.getSimpleName() + " in k8s/").hasSize(1);
        return found.get(0);
    }

    /**
     * The variable a property of config/application.properties reads: the one its {{env:NAME:default}} names, else
     * the one Camel's override rule gives it (upper case, '.' and '-' as '_').
     */
    private static String variableOf(String property) {
        String value = config.getProperty(property);
        assertThat(value).as(property + " in config/application.properties").isNotNull();
        Matcher placeholder = ENV_PLACEHOLDER.matcher(value);
        return placeholder.matches() ? placeholder.group(1)
                : property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A property's value in the container: its variable's value when the manifest sets one, else its default. */
    private static String resolve(String property) {
        Matcher placeholder = ENV_PLACEHOLDER.matcher(config.getProperty(property));
        if (!placeholder.matches()) {
            return config.getProperty(property);
        }
        return values.getOrDefault(placeholder.group(1), placeholder.group(2));
    }

    private static Set<String> placeholderVariables() {
        Set<String> names = new TreeSet<>();
        for (String key : config.stringPropertyNames()) {
            Matcher placeholder = ENV_PLACEHOLDER.matcher(config.getProperty(key));
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
        }
        return names;
    }

    /** Camel's rule (README, "Overriding a property from the environment"): USAGE_RETRY_MAX_ATTEMPTS and the like. */
    private static Set<String> overridingVariables() {
        Set<String> names = new TreeSet<>();
        config.stringPropertyNames().stream().filter(key -> key.startsWith("usage."))
                .forEach(key -> names.add(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
        return names;
    }

    private static Set<String> log4jVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher lookup = LOG4J_ENV_LOOKUP.matcher(Files.readString(Path.of("src/main/resources/log4j2.xml")));
        while (lookup.find()) {
            names.add(lookup.group(1) != null ? lookup.group(1) : lookup.group(2));
        }
        return names;
    }

    /**
     * The variables credentials are read from: the per-API defaults ({@code usage.<api>.*-variable}) and any a
     * source names itself ({@code ...Variable} parameters of the route files).
     */
    private static Set<String> credentialVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        config.stringPropertyNames().stream().filter(key -> key.endsWith("-variable"))
                .forEach(key -> names.add(config.getProperty(key)));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path file : files(Path.of("routes")).keySet().stream().map(name -> Path.of("routes", name)).toList()) {
            for (JsonNode source : yaml.readTree(file.toFile())) {
                for (JsonNode parameter : source.path("templatedRoute").path("parameters")) {
                    if (parameter.path("name").asText().endsWith("Variable")) {
                        names.add(parameter.path("value").asText());
                    }
                }
            }
        }
        assertThat(names).as("credential variables").isNotEmpty();
        return names;
    }

    /** The regular files of a directory (not its sub-directories), as kubectl create configmap --from-file reads it. */
    private static Map<String, String> files(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static ConfigMap configMapMountedAt(String path) {
        VolumeMount mount = collector.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError(path + " is not mounted"));
        assertThat(mount.getReadOnly()).as(path + " read-only").isTrue();
        String name = volume(mount.getName()).getConfigMap().getName();
        return all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("ConfigMap " + name + " mounted at " + path
                        + " is not in k8s/ (run k8s/configmaps.sh)"));
    }

    private static Volume volume(String name) {
        return pod.getVolumes().stream().filter(volume -> volume.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + name));
    }

    /** A port given by number or by the name of one of the container's ports, as a number. */
    private static int containerPort(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return collector.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    /** An instruction's argument in the Dockerfile (WORKDIR, USER). */
    private static String dockerfile(String instruction) throws IOException {
        return Files.readAllLines(Path.of("Dockerfile")).stream().filter(line -> line.startsWith(instruction + " "))
                .map(line -> line.substring(instruction.length() + 1).trim()).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("Dockerfile has no " + instruction));
    }
}
