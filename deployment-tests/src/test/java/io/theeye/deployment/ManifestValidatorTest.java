package io.theeye.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker itself: it accepts a valid manifest and rejects each kind of mistake. */
class ManifestValidatorTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: example
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: example
              template:
                metadata:
                  labels:
                    app: example
                spec:
                  containers:
                    - name: example
                      image: example:1
                      ports:
                        - containerPort: 8080
                      readinessProbe:
                        httpGet:
                          path: /q/health/ready
                          port: 8080
                      resources:
                        limits:
                          memory: 512Mi
                          cpu: 500m
            """;

    @Test
    void acceptsAValidDeployment() {
        assertThat(problems(DEPLOYMENT)).isEmpty();
    }

    @Test
    void rejectsMisspelledField() {
        List<String> problems = problems(DEPLOYMENT.replace("readinessProbe:", "readinesProbe:"));

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("readinesProbe"));
    }

    @Test
    void rejectsStringWhereKubernetesExpectsAnInteger() {
        List<String> problems = problems(DEPLOYMENT.replace("replicas: 2", "replicas: two"));

        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("/spec/replicas"));
    }

    @Test
    void rejectsQuotedNumberWhereKubernetesExpectsAnInteger() {
        assertThat(problems(DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\"")))
                .anySatisfy(problem -> assertThat(problem).contains("containerPort"));
    }

    @Test
    void rejectsMalformedQuantity() {
        assertThat(problems(DEPLOYMENT.replace("memory: 512Mi", "memory: 512MB")))
                .anySatisfy(problem -> assertThat(problem).contains("memory"));
    }

    @Test
    void rejectsDeploymentWithoutContainers() {
        String withoutContainers =
                DEPLOYMENT.substring(0, DEPLOYMENT.indexOf("      containers:")) + "      hostname: x\n";

        assertThat(problems(withoutContainers))
                .anySatisfy(problem -> assertThat(problem).contains("containers"));
    }

    @Test
    void rejectsApiVersionThatKubernetesRemoved() {
        String podDisruptionBudget = """
                apiVersion: policy/v1beta1
                kind: PodDisruptionBudget
                metadata:
                  name: example
                spec:
                  maxUnavailable: 1
                """;

        assertThat(problems(podDisruptionBudget))
                .anySatisfy(problem -> assertThat(problem).contains("no schema for apiVersion 'policy/v1beta1'"));
    }

    @Test
    void rejectsUnknownFieldInStrimziKafka() {
        String kafka = """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata:
                  name: example
                spec:
                  kafka:
                    listeners:
                      - name: plain
                        port: 9092
                        type: internal
                        tls: false
                    replicaz: 3
                """;

        assertThat(problems(kafka)).anySatisfy(problem -> assertThat(problem).contains("replicaz"));
    }

    @Test
    void rejectsWrongTypeInKafkaTopic() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: example
                spec:
                  topicName: example.topic
                  partitions: many
                """;

        assertThat(problems(topic)).anySatisfy(problem -> assertThat(problem).contains("partitions"));
    }

    @Test
    void rejectsUnknownStorageTypeInKafkaNodePool() {
        String pool = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata:
                  name: example
                spec:
                  replicas: 3
                  roles: [broker]
                  storage:
                    type: persistent-volume
                    size: 10Gi
                """;

        assertThat(problems(pool)).isNotEmpty();
    }

    @Test
    void rejectsUnknownFieldInCloudNativePgCluster() {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: example
                spec:
                  instances: 3
                  storage:
                    size: 10Gi
                    storageclass: fast
                """;

        assertThat(problems(cluster)).anySatisfy(problem -> assertThat(problem).contains("storageclass"));
    }

    @Test
    void rejectsUnknownFieldInPrometheusRule() {
        String rule = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: example
                spec:
                  groups:
                    - name: example
                      rules:
                        - alert: Example
                          expr: up == 0
                          duration: 5m
                """;

        assertThat(problems(rule)).anySatisfy(problem -> assertThat(problem).contains("duration"));
    }

    @Test
    void rejectsBrokenOverlayAfterRendering(@TempDir Path copy) throws IOException {
        copyTree(RepositoryFiles.resolve("k8s"), copy);
        Path ingest = copy.resolve("base/ingest-service.yaml");
        Files.writeString(ingest, Files.readString(ingest).replace("livenessProbe:", "livenesProbe:"));

        List<JsonNode> rendered = Kustomize.render(copy.resolve("overlays/prod"));

        assertThat(ManifestValidator.problems(rendered))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("Deployment/ingest-service")
                        .contains("livenesProbe"));
    }

    private static List<String> problems(String yaml) {
        return ManifestValidator.problems(Yaml.documents(yaml));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
