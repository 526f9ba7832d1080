package io.theeye.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML the way kubectl and docker compose do (YAML 1.1, anchors and merge keys) into Jackson
 * trees, which both the schema validator and the model classes take.
 */
final class Yaml {

    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {}

    /** Every non-empty document of a multi-document stream, in order. */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : newLoader().loadAll(yaml)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    /** The single document of a file such as docker-compose.yml. */
    static JsonNode document(String yaml) {
        return JSON.valueToTree(Objects.requireNonNull(newLoader().load(yaml), "empty YAML document"));
    }

    private static org.yaml.snakeyaml.Yaml newLoader() {
        LoaderOptions options = new LoaderOptions();
        // A duplicated key is a mistake in a manifest, not something to resolve silently.
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(options);
    }
}
