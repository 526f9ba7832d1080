package io.theeye.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/** The objects one overlay renders to, with look-ups by kind and name; rendered once per test run. */
record RenderedOverlay(String name, List<JsonNode> objects) {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES = List.of("ingest-service", "processor-service", "query-service");
    static final Map<String, Integer> PORTS =
            Map.of("ingest-service", 8080, "processor-service", 8081, "query-service", 8082);
    /** Where each service serves /q/* (health, metrics, OpenAPI): probes and Prometheus only. */
    static final Map<String, Integer> MANAGEMENT_PORTS =
            Map.of("ingest-service", 9080, "processor-service", 9081, "query-service", 9082);

    private static final Map<String, RenderedOverlay> CACHE = new ConcurrentHashMap<>();

    static RenderedOverlay of(String overlay) {
        return CACHE.computeIfAbsent(
                overlay,
                name -> new RenderedOverlay(name, Kustomize.render(RepositoryFiles.resolve("k8s/overlays/" + name))));
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream()
                .filter(object -> kind.equals(object.path("kind").asText()))
                .toList();
    }

    Optional<JsonNode> find(String kind, String objectName) {
        return ofKind(kind).stream()
                .filter(object ->
                        objectName.equals(object.path("metadata").path("name").asText()))
                .findFirst();
    }

    JsonNode get(String kind, String objectName) {
        return find(kind, objectName)
                .orElseThrow(() -> new AssertionError(name + " renders no " + kind + " named " + objectName));
    }

    /** The single container of a service's Deployment. */
    JsonNode container(String service) {
        return get("Deployment", service).at("/spec/template/spec/containers/0");
    }

    /** The ConfigMap a generated name (with its hash suffix) refers to. */
    Optional<JsonNode> configMapGeneratedFrom(String baseName) {
        return ofKind("ConfigMap").stream()
                .filter(map -> map.path("metadata").path("name").asText().startsWith(baseName + "-"))
                .findFirst();
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
