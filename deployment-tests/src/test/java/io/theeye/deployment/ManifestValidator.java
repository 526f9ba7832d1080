package io.theeye.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks rendered objects against the schema of their apiVersion and kind. An object of a kind
 * with no schema here is itself a problem: nothing reaches a cluster unchecked.
 */
final class ManifestValidator {

    private static final String CNPG_CLUSTER = "postgresql.cnpg.io/v1/Cluster";
    private static final Schema CNPG_CLUSTER_SCHEMA = schemaResource("/schemas/cnpg-cluster.schema.json");

    private ManifestValidator() {}

    /** Problems of every object, each prefixed with the object's kind and name. */
    static List<String> problems(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            problems.addAll(problems(object));
        }
        return problems;
    }

    static List<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String name = object.path("metadata").path("name").asText("<no name>");
        String label = kind + "/" + name + " (" + apiVersion + ")";
        List<String> found;
        if (KubernetesSchemas.knows(apiVersion, kind)) {
            found = KubernetesSchemas.problems(object, apiVersion, kind);
        } else if (CustomResourceModels.knows(apiVersion, kind)) {
            found = CustomResourceModels.problems(object, apiVersion, kind);
        } else if (CNPG_CLUSTER.equals(apiVersion + "/" + kind)) {
            found = CNPG_CLUSTER_SCHEMA.validate(object).stream()
                    .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                    .toList();
        } else {
            found = List.of("no schema for apiVersion '" + apiVersion + "' kind '" + kind
                    + "': a removed API version, a typo, or a kind to add to the deployment tests");
        }
        List<String> labelled = new ArrayList<>();
        if (object.path("metadata").path("name").asText("").isEmpty()) {
            labelled.add(label + ": metadata.name is missing");
        }
        found.forEach(problem -> labelled.add(label + ": " + problem));
        return labelled;
    }

    static Schema schemaResource(String resource) {
        try (InputStream in = ManifestValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            JsonNode schema = Yaml.JSON.readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
