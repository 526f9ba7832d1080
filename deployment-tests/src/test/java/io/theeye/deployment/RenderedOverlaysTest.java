package io.theeye.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kustomization renders, and every object it renders matches its schema. */
class RenderedOverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod"})
    void everyRenderedObjectMatchesItsSchema(String kustomization) {
        List<JsonNode> objects = Kustomize.render(RepositoryFiles.resolve(kustomization));

        assertThat(objects).isNotEmpty();
        assertThat(ManifestValidator.problems(objects)).isEmpty();
    }
}
