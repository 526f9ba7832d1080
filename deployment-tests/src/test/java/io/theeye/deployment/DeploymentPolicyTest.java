package io.theeye.deployment;

import static io.theeye.deployment.RenderedOverlay.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a platform team checks in review, on the rendered overlays: probes on the Quarkus health
 * endpoints, resources, a restricted security context, disruption budgets, autoscaling, wiring
 * between objects, and no committed secret values.
 */
class DeploymentPolicyTest {

    static final List<String> OVERLAYS = RenderedOverlay.OVERLAYS;

    static Stream<Arguments> overlaysAndServices() {
        return OVERLAYS.stream()
                .flatMap(overlay -> RenderedOverlay.SERVICES.stream().map(service -> Arguments.of(overlay, service)));
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void probesUseTheQuarkusHealthEndpointsOnTheManagementPort(String overlay, String service) {
        JsonNode container = RenderedOverlay.of(overlay).container(service);

        assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(RenderedOverlay.PORTS.get(service));
        assertThat(container.at("/ports/1/name").asText()).isEqualTo("management");
        assertThat(container.at("/ports/1/containerPort").asInt())
                .isEqualTo(RenderedOverlay.MANAGEMENT_PORTS.get(service));
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).at("/httpGet/port").asText())
                    .as(probe)
                    .isEqualTo("management");
        }
        JsonNode annotations =
                RenderedOverlay.of(overlay).get("Deployment", service).at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/port").asText())
                .isEqualTo(String.valueOf(RenderedOverlay.MANAGEMENT_PORTS.get(service)));
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void servicesRunNonRootOnAReadOnlyRootFilesystem(String overlay, String service) {
        JsonNode pod = RenderedOverlay.of(overlay).get("Deployment", service).at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(container.at("/volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodMeetsTheRestrictedPodSecurityStandard(String overlay) {
        for (JsonNode workload : workloads(overlay)) {
            JsonNode pod = podSpec(workload);
            String name = workload.at("/metadata/name").asText();
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                    .as(name)
                    .isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText())
                    .as(name)
                    .isEqualTo("RuntimeDefault");
            for (JsonNode container : elements(pod.path("containers"))) {
                assertThat(container
                                .at("/securityContext/allowPrivilegeEscalation")
                                .asBoolean(true))
                        .as(name)
                        .isFalse();
                assertThat(elements(container.at("/securityContext/capabilities/drop")))
                        .as(name)
                        .extracting(JsonNode::asText)
                        .contains("ALL");
                assertThat(container.at("/securityContext/privileged").asBoolean(false))
                        .as(name)
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerHasResourceRequestsAndLimits(String overlay) {
        for (JsonNode workload : workloads(overlay)) {
            for (JsonNode container : elements(podSpec(workload).path("containers"))) {
                String name = workload.at("/metadata/name").asText() + "/"
                        + container.path("name").asText();
                JsonNode resources = container.path("resources");
                assertThat(resources.at("/requests/cpu").isMissingNode())
                        .as(name + " cpu request")
                        .isFalse();
                assertThat(resources.at("/requests/memory").isMissingNode())
                        .as(name + " memory request")
                        .isFalse();
                assertThat(resources.at("/limits/memory").isMissingNode())
                        .as(name + " memory limit")
                        .isFalse();
                assertThat(resources.at("/limits/cpu").isMissingNode())
                        .as(name + " cpu limit")
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void everyServiceHasADisruptionBudgetSelectingItsPods(String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode podLabels = rendered.get("Deployment", service).at("/spec/template/metadata/labels");
        JsonNode budget = rendered.get("PodDisruptionBudget", service);

        assertThat(selects(budget.at("/spec/selector/matchLabels"), podLabels)).isTrue();
        assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void ingestAndProcessorAreScaledByAnAutoscaler(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (String service : List.of("ingest-service", "processor-service")) {
            JsonNode autoscaler = rendered.get("HorizontalPodAutoscaler", service);
            assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(service);
            assertThat(autoscaler.at("/spec/minReplicas").asInt())
                    .isBetween(1, autoscaler.at("/spec/maxReplicas").asInt());
            // A replicas field would be reset by every apply, fighting the autoscaler.
            assertThat(rendered.get("Deployment", service).at("/spec/replicas").isMissingNode())
                    .as(service + " has no replicas field")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rawTopicHasAPartitionForEveryProcessorReplicaTheAutoscalerCanReach(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        int maxProcessors = rendered.get("HorizontalPodAutoscaler", "processor-service")
                .at("/spec/maxReplicas")
                .asInt();

        assertThat(rawTopicPartitions(rendered)).isGreaterThanOrEqualTo(maxProcessors);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesSelectPodsThatExposeTheirTargetPort(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (JsonNode service : rendered.ofKind("Service")) {
            String name = service.at("/metadata/name").asText();
            JsonNode workload = workloads(overlay).stream()
                    .filter(candidate -> selects(service.at("/spec/selector"), podLabels(candidate)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("Service " + name + " selects no pod template"));
            Set<String> portNames = new HashSet<>();
            for (JsonNode container : elements(podSpec(workload).path("containers"))) {
                portNames.addAll(container.path("ports").findValuesAsText("name"));
            }
            for (JsonNode port : elements(service.at("/spec/ports"))) {
                assertThat(portNames).as(name).contains(port.path("targetPort").asText());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void ingressesRouteToExistingServicePorts(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<String> hosts = new ArrayList<>();
        for (JsonNode ingress : rendered.ofKind("Ingress")) {
            for (JsonNode rule : elements(ingress.at("/spec/rules"))) {
                hosts.add(rule.path("host").asText());
                for (JsonNode path : elements(rule.at("/http/paths"))) {
                    JsonNode backend = path.at("/backend/service");
                    JsonNode service =
                            rendered.get("Service", backend.path("name").asText());
                    assertThat(service.at("/spec/ports").findValuesAsText("name"))
                            .contains(backend.at("/port/name").asText());
                }
            }
        }
        assertThat(rendered.ofKind("Ingress"))
                .extracting(i -> i.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("ingest-service", "query-service");
        List<String> processorPaths = new ArrayList<>();
        for (JsonNode path : rendered.ofKind("Ingress").stream()
                .flatMap(ingress -> ingress.at("/spec/rules").findValues("paths").stream())
                .flatMap(paths -> elements(paths).stream())
                .toList()) {
            // /q/* (health, metrics, OpenAPI) is on the management port, which no Ingress reaches.
            assertThat(path.path("path").asText()).doesNotStartWith("/q");
            assertThat(path.at("/backend/service/port/name").asText()).isEqualTo("http");
            if (path.at("/backend/service/name").asText().equals("processor-service")) {
                assertThat(path.path("pathType").asText()).isEqualTo("Exact");
                processorPaths.add(path.path("path").asText());
            }
        }
        // The processor's only public paths: the console's replay and backlog, on the console's host.
        assertThat(processorPaths).containsExactlyInAnyOrder("/v1/admin/replay", "/v1/backlog");
        for (JsonNode service : rendered.ofKind("Service")) {
            assertThat(service.at("/spec/ports").findValuesAsText("targetPort"))
                    .as(service.at("/metadata/name").asText())
                    .doesNotContain("management");
        }
        // Both services serve /v1/events (POST and GET): they cannot share a host.
        assertThat(hosts).doesNotHaveDuplicates();
    }

    /** The Secrets each overlay's workloads read, all documented in k8s/README.md ("Secrets"). */
    static final Map<String, Set<String>> SECRETS = Map.of(
            "dev",
            Set.of(
                    "the-eye-db",
                    "the-eye-db-ingest",
                    "the-eye-db-processor",
                    "the-eye-db-query",
                    "eye-ingest",
                    "eye-processor",
                    "eye-query",
                    "the-eye-kafka-admin",
                    "the-eye-jwt"),
            "prod",
            Set.of(
                    "the-eye-db",
                    "the-eye-db-ingest",
                    "the-eye-db-processor",
                    "the-eye-db-query",
                    "eye-ingest",
                    "eye-processor",
                    "eye-query",
                    "eye-kafka-cluster-ca-cert",
                    "the-eye-jwt"));

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValueIsCommittedAndOnlyTheDocumentedSecretsAreReferenced(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        assertThat(rendered.ofKind("Secret")).isEmpty();
        Set<String> referenced = new HashSet<>();
        for (JsonNode workload : workloads(overlay)) {
            JsonNode pod = podSpec(workload);
            pod.findValues("secretKeyRef")
                    .forEach(ref -> referenced.add(ref.path("name").asText()));
            pod.findValues("secret")
                    .forEach(volume -> referenced.add(volume.path("secretName").asText()));
        }
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(SECRETS.get(overlay));
        String readme = RepositoryFiles.read(RepositoryFiles.resolve("k8s/README.md"));
        assertThat(referenced).allSatisfy(secret -> assertThat(readme).contains("`" + secret + "`"));
    }

    @ParameterizedTest
    @MethodSource("overlaysAndServices")
    void eachServiceConnectsWithItsOwnCredentialsAndOnlyTheProcessorsMigrationAsTheOwner(
            String overlay, String service) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String role = service.replace("-service", "");

        assertThat(secretOf(rendered, service, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo("the-eye-db-" + role);
        assertThat(secretOf(rendered, service, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("the-eye-db-" + role);
        String kafkaUser = "eye-" + role;
        assertThat(env(rendered, service, "EYE_KAFKA_USERNAME").path("value").asText())
                .isEqualTo(kafkaUser);
        assertThat(secretOf(rendered, service, "EYE_KAFKA_PASSWORD")).isEqualTo(kafkaUser);
        List<String> ownerSecretReaders = elements(rendered.container(service).path("env")).stream()
                .filter(variable ->
                        variable.at("/valueFrom/secretKeyRef/name").asText().equals("the-eye-db"))
                .map(variable -> variable.path("name").asText())
                .toList();
        if (service.equals("processor-service")) {
            assertThat(ownerSecretReaders)
                    .containsExactlyInAnyOrder("QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD");
        } else {
            assertThat(ownerSecretReaders).isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void settingsComeFromTheGeneratedConfigMap(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (JsonNode workload : workloads(overlay)) {
            for (JsonNode reference : podSpec(workload).findValues("configMapKeyRef")) {
                JsonNode configMap =
                        rendered.get("ConfigMap", reference.path("name").asText());
                assertThat(configMap.path("data").has(reference.path("key").asText()))
                        .as(reference.toString())
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceGetsTheSettingsItNeeds(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<String> database = List.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
        List<String> kafka = new java.util.ArrayList<>(List.of(
                "KAFKA_BOOTSTRAP_SERVERS", "EYE_KAFKA_SECURITY_PROTOCOL", "EYE_KAFKA_USERNAME", "EYE_KAFKA_PASSWORD"));
        if (overlay.equals("prod")) {
            // Strimzi's TLS listener: the services trust the cluster CA.
            kafka.add("EYE_KAFKA_TRUSTSTORE_LOCATION");
        }
        List<String> jwt = List.of(
                "QUARKUS_PROFILE",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "MP_JWT_VERIFY_ISSUER",
                "MP_JWT_VERIFY_AUDIENCES");
        List<String> java = List.of("JAVA_OPTS");

        assertThat(envNames(rendered, "ingest-service"))
                .containsExactlyInAnyOrderElementsOf(
                        concat(kafka, database, java, List.of("EYE_INGEST_RATE_LIMIT_EVENTS_PER_SECOND")));
        // query-service reads the valid and invalid topics for the console's live view.
        assertThat(envNames(rendered, "query-service"))
                .containsExactlyInAnyOrderElementsOf(concat(kafka, database, jwt, java));
        // Only the processor migrates, over JDBC, as the schema owner.
        assertThat(envNames(rendered, "processor-service"))
                .containsExactlyInAnyOrderElementsOf(concat(
                        kafka,
                        database,
                        jwt,
                        java,
                        List.of(
                                "QUARKUS_DATASOURCE_JDBC_URL",
                                "QUARKUS_FLYWAY_USERNAME",
                                "QUARKUS_FLYWAY_PASSWORD",
                                "EYE_PROCESSOR_CONSUMERS")));
        // One consumer per pod: the autoscaler's maxReplicas <= partitions is then the whole sizing rule.
        assertThat(env(rendered, "processor-service", "EYE_PROCESSOR_CONSUMERS")
                        .path("value")
                        .asText())
                .isEqualTo("1");
        for (String service : List.of("processor-service", "query-service")) {
            JsonNode pod = rendered.get("Deployment", service).at("/spec/template/spec");
            assertThat(pod.at("/containers/0/volumeMounts").findValuesAsText("mountPath"))
                    .contains("/etc/the-eye/jwt");
            assertThat(env(rendered, service, "MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                            .path("value")
                            .asText())
                    .isEqualTo("/etc/the-eye/jwt/public-key.pem");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void imagesArePinnedToAVersionNeverLatest(String overlay) {
        for (JsonNode workload : workloads(overlay)) {
            for (JsonNode container : elements(podSpec(workload).path("containers"))) {
                String image = container.path("image").asText();
                assertThat(image).matches(".+:[^:/]+").doesNotEndWith(":latest");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theValidTopicHasAsManyPartitionsAsTheRawTopicSoASessionKeepsItsOrder(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        int raw = rawTopicPartitions(rendered);

        if (rendered.find("KafkaTopic", "eye-events-valid").isPresent()) {
            JsonNode topic = rendered.get("KafkaTopic", "eye-events-valid");
            assertThat(topic.at("/spec/topicName").asText()).isEqualTo("eye.events.valid");
            assertThat(topic.at("/spec/partitions").asInt()).isEqualTo(raw);
        } else {
            assertThat(rendered.get("Job", "kafka-topics")
                            .at("/spec/template/spec/containers/0/args/0")
                            .asText())
                    .contains("--topic eye.events.valid --partitions \"$EYE_RAW_PARTITIONS\"");
        }
    }

    static int rawTopicPartitions(RenderedOverlay rendered) {
        if (rendered.find("KafkaTopic", "eye-events-raw").isPresent()) {
            JsonNode topic = rendered.get("KafkaTopic", "eye-events-raw");
            assertThat(topic.at("/spec/topicName").asText()).isEqualTo("eye.events.raw");
            return topic.at("/spec/partitions").asInt();
        }
        JsonNode job = rendered.get("Job", "kafka-topics");
        JsonNode partitions = elements(job.at("/spec/template/spec/containers/0/env")).stream()
                .filter(variable -> variable.path("name").asText().equals("EYE_RAW_PARTITIONS"))
                .findFirst()
                .orElseThrow();
        return Integer.parseInt(partitions.path("value").asText());
    }

    static List<JsonNode> workloads(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<JsonNode> workloads = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
            workloads.addAll(rendered.ofKind(kind));
        }
        return workloads;
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.at("/spec/template/spec");
    }

    private static JsonNode podLabels(JsonNode workload) {
        return workload.at("/spec/template/metadata/labels");
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> envNames(RenderedOverlay rendered, String service) {
        return elements(rendered.container(service).path("env")).stream()
                .map(variable -> variable.path("name").asText())
                .toList();
    }

    private static String secretOf(RenderedOverlay rendered, String service, String variable) {
        return env(rendered, service, variable)
                .at("/valueFrom/secretKeyRef/name")
                .asText();
    }

    static JsonNode env(RenderedOverlay rendered, String service, String name) {
        return elements(rendered.container(service).path("env")).stream()
                .filter(variable -> variable.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
