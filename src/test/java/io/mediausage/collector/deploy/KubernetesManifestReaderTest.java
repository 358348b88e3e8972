package io.mediausage.collector.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest reader refuses what the API server would refuse, naming the file, and reads the rest typed. */
class KubernetesManifestReaderTest {

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: collector
              annotations:
                prometheus.io/port: "8080"
            spec:
              %s
              serviceName: collector
              selector:
                matchLabels: {app: collector}
              template:
                metadata:
                  labels: {app: collector}
                spec:
                  containers:
                    - name: collector
                      image: usage-collector:latest
            """;

    @TempDir
    Path directory;

    private final KubernetesManifestReader reader = new KubernetesManifestReader();

    private Path manifest(String text) throws Exception {
        return Files.writeString(directory.resolve("manifest.yaml"), text);
    }

    @Test
    void should_read_each_document_as_the_type_its_kind_names() throws Exception {
        Path file = manifest(STATEFUL_SET.formatted("replicas: 2") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: routes
                data:
                  sources.yaml: "- templatedRoute: {}"
                """);

        List<HasMetadata> resources = reader.read(file);

        assertThat(resources).extracting(HasMetadata::getKind).containsExactly("StatefulSet", "ConfigMap");
        assertThat(((StatefulSet) resources.get(0)).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void should_refuse_a_field_the_kind_does_not_have() throws Exception {
        Path file = manifest(STATEFUL_SET.formatted("replica: 2"));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("apps/v1/StatefulSet").hasMessageContaining("\"replica\"");
    }

    @Test
    void should_refuse_a_misspelt_field_deep_in_the_pod_template() throws Exception {
        Path file = manifest(STATEFUL_SET.formatted("replicas: 2").replace("image:", "imag:"));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("\"imag\"");
    }

    @Test
    void should_refuse_a_number_written_as_a_string() throws Exception {
        Path file = manifest(STATEFUL_SET.formatted("replicas: \"2\""));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("[\"replicas\"]");
    }

    @Test
    void should_refuse_an_annotation_that_is_not_a_string() throws Exception {
        Path file = manifest(STATEFUL_SET.formatted("replicas: 2").replace("\"8080\"", "8080"));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("[\"prometheus.io/port\"]");
    }

    @Test
    void should_refuse_a_key_given_twice() throws Exception {
        Path file = manifest(STATEFUL_SET.formatted("replicas: 2\n  replicas: 3"));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("replicas");
    }

    @Test
    void should_refuse_a_kind_the_manifests_do_not_use() throws Exception {
        Path file = manifest("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: collector
                """);

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("apps/v1/Deploymnet");
    }

    @Test
    void should_read_every_yaml_file_under_a_directory_and_its_sub_directories_but_the_kustomization() throws Exception {
        Files.writeString(directory.resolve("a.yaml"), STATEFUL_SET.formatted("replicas: 1"));
        Files.writeString(directory.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [a.yaml]
                """);
        Files.createDirectories(directory.resolve("examples"));
        Files.writeString(directory.resolve("examples/b.yml"), STATEFUL_SET.formatted("replicas: 3"));
        Files.writeString(directory.resolve("notes.md"), "not a manifest");

        assertThat(reader.readAll(directory)).extracting(r -> ((StatefulSet) r).getSpec().getReplicas())
                .containsExactly(1, 3);
    }
}
