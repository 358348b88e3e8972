package io.mediausage.collector.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests into fabric8's typed model as strictly as the API server would: a field the type
 * does not have, a key given twice, a number written as a string (or the other way round) or a kind not listed
 * here is an error naming the file. fabric8's types keep unknown fields in a catch-all map instead of refusing
 * them; that catch-all is taken away, so that a misspelt field fails here rather than being dropped by a cluster.
 */
final class KubernetesManifestReader {

    /** The kinds the collector's manifests use, by apiVersion and kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private final ObjectMapper mapper = strictMapper();

    /**
     * Every document of every {@code .yaml}/{@code .yml} file under the directory, its sub-directories included, but
     * kustomize's own {@code kustomization.yaml}, which lists manifests and is not one the API server takes.
     */
    List<HasMetadata> readAll(Path directory) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith("kustomization.")) {
                    resources.addAll(read(file));
                }
            }
        }
        return resources;
    }

    /** The documents of one file, each as the type its apiVersion and kind name. */
    List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isMissingNode() || document.isNull()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                Class<? extends HasMetadata> kind = KINDS.get(type);
                if (kind == null) {
                    throw new IllegalArgumentException(file + ": " + type + " is not a kind the collector's manifests use ("
                            + KINDS.keySet() + ")");
                }
                try {
                    resources.add(mapper.treeToValue(document, kind));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + ": " + type + ": " + e.getMessage(), e);
                }
            }
        }
        return resources;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        SimpleModule noCatchAll = new SimpleModule("no-additional-properties");
        noCatchAll.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                    BeanDeserializerBuilder builder) {
                // fabric8's additionalProperties: without it, FAIL_ON_UNKNOWN_PROPERTIES (on by default) applies
                builder.setAnySetter(null);
                return builder;
            }
        });
        mapper.registerModule(noCatchAll);
        // the API server takes neither "2" for an integer nor 2 for a string (an annotation, a ConfigMap value)
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }
}
