package io.theeye.deployment;

import static io.theeye.deployment.RenderedOverlay.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theeye.deployment.NetworkPolicies.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The rendered network policies, evaluated as a cluster would: who can open a connection to what.
 * The pods are the rendered workloads (the operators' pods with the labels their custom resources
 * give them), plus the ingress controller, Prometheus, an operators' namespace, DNS, and strangers
 * inside and outside the namespace. In prod the Kafka listener's own policy is the one Strimzi
 * generates from the listener's networkPolicyPeers.
 */
class NetworkPolicyTest {

    static final List<String> OVERLAYS = RenderedOverlay.OVERLAYS;

    /** One overlay's pods and policies. */
    private record Cluster(
            NetworkPolicies policies,
            Map<String, Endpoint> pods,
            int kafkaPort,
            Endpoint ingressController,
            Endpoint prometheus,
            Endpoint operator,
            Endpoint dns,
            List<Endpoint> strangers) {

        Endpoint pod(String name) {
            return pods.get(name);
        }

        boolean allows(Endpoint from, String to, int port) {
            return policies.allows(from, pod(to), port);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodOfTheNamespaceIsDeniedByDefault(String overlay) {
        JsonNode deny = RenderedOverlay.of(overlay).get("NetworkPolicy", "default-deny");

        assertThat(deny.at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(elements(deny.at("/spec/policyTypes")))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.at("/spec/ingress").isMissingNode()).isTrue();
        assertThat(deny.at("/spec/egress").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theIngressControllerReachesThePublicPortsAndNothingElse(String overlay) {
        Cluster cluster = cluster(overlay);
        Endpoint controller = cluster.ingressController();

        assertThat(cluster.allows(controller, "ingest-service", 8080)).isTrue();
        assertThat(cluster.allows(controller, "query-service", 8082)).isTrue();
        // The console's replay and backlog, routed on the console's host.
        assertThat(cluster.allows(controller, "processor-service", 8081)).isTrue();
        for (String service : RenderedOverlay.SERVICES) {
            assertThat(cluster.allows(controller, service, RenderedOverlay.MANAGEMENT_PORTS.get(service)))
                    .as(service + " management")
                    .isFalse();
        }
        assertThat(cluster.allows(controller, "kafka", cluster.kafkaPort())).isFalse();
        assertThat(cluster.allows(controller, "postgres", 5432)).isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void prometheusReachesTheManagementPortsOnly(String overlay) {
        Cluster cluster = cluster(overlay);

        for (String service : RenderedOverlay.SERVICES) {
            assertThat(cluster.allows(cluster.prometheus(), service, RenderedOverlay.MANAGEMENT_PORTS.get(service)))
                    .as(service)
                    .isTrue();
            assertThat(cluster.allows(cluster.prometheus(), service, RenderedOverlay.PORTS.get(service)))
                    .as(service)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void strangersInsideOrOutsideTheNamespaceReachNothing(String overlay) {
        Cluster cluster = cluster(overlay);

        for (Endpoint stranger : cluster.strangers()) {
            for (String service : RenderedOverlay.SERVICES) {
                assertThat(cluster.allows(stranger, service, RenderedOverlay.PORTS.get(service)))
                        .as(stranger.name() + " -> " + service)
                        .isFalse();
                assertThat(cluster.allows(stranger, service, RenderedOverlay.MANAGEMENT_PORTS.get(service)))
                        .as(stranger.name() + " -> " + service + " management")
                        .isFalse();
            }
            assertThat(cluster.allows(stranger, "kafka", cluster.kafkaPort()))
                    .as(stranger.name() + " -> kafka")
                    .isFalse();
            assertThat(cluster.allows(stranger, "postgres", 5432))
                    .as(stranger.name() + " -> postgres")
                    .isFalse();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void anOperatorsNamespaceReachesTheProcessorsAdminApiOnly(String overlay) {
        Cluster cluster = cluster(overlay);

        assertThat(cluster.allows(cluster.operator(), "processor-service", 8081))
                .isTrue();
        assertThat(cluster.allows(cluster.operator(), "query-service", 8082)).isFalse();
        assertThat(cluster.allows(cluster.operator(), "ingest-service", 8080)).isFalse();
        assertThat(cluster.allows(cluster.operator(), "kafka", cluster.kafkaPort()))
                .isFalse();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theServicesReachKafkaAndPostgresAsTheyNeedAndNothingElse(String overlay) {
        Cluster cluster = cluster(overlay);
        Endpoint ingest = cluster.pod("ingest-service");
        Endpoint processor = cluster.pod("processor-service");
        Endpoint query = cluster.pod("query-service");
        Endpoint internet = Endpoint.outside("the internet");

        assertThat(cluster.allows(ingest, "kafka", cluster.kafkaPort())).isTrue();
        assertThat(cluster.allows(processor, "kafka", cluster.kafkaPort())).isTrue();
        assertThat(cluster.allows(query, "kafka", cluster.kafkaPort()))
                .as("query-service reads the decided events for the live view")
                .isTrue();
        for (Endpoint service : List.of(ingest, processor, query)) {
            assertThat(cluster.allows(service, "postgres", 5432))
                    .as(service.name())
                    .isTrue();
            assertThat(cluster.policies().allows(service, cluster.dns(), 53, "UDP"))
                    .as(service.name() + " DNS")
                    .isTrue();
            assertThat(cluster.policies().allows(service, internet, 443))
                    .as(service.name() + " -> internet")
                    .isFalse();
            for (String other : RenderedOverlay.SERVICES) {
                if (!other.equals(service.name())) {
                    assertThat(cluster.allows(service, other, RenderedOverlay.PORTS.get(other)))
                            .as(service.name() + " -> " + other)
                            .isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theInfrastructureStillWorksUnderTheDefaultDeny(String overlay) {
        Cluster cluster = cluster(overlay);

        if (overlay.equals("dev")) {
            assertThat(cluster.allows(cluster.pod("kafka-topics"), "kafka", 9092))
                    .isTrue();
            assertThat(cluster.allows(cluster.pod("kafka"), "kafka", 9092))
                    .as("the broker through its advertised address")
                    .isTrue();
        } else {
            Endpoint cnpgOperator = Endpoint.inNamespace("cnpg operator", "cnpg-system", Map.of(), Map.of());
            assertThat(cluster.allows(cnpgOperator, "postgres", 8000)).isTrue();
            assertThat(cluster.allows(cluster.pod("postgres"), "postgres", 5432))
                    .as("replication")
                    .isTrue();
        }
    }

    // ------------------------------------------------------------------ the model

    private static Cluster cluster(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String namespace = rendered.get("Deployment", "ingest-service")
                .at("/metadata/namespace")
                .asText();
        List<JsonNode> policies = new ArrayList<>(rendered.ofKind("NetworkPolicy"));
        Map<String, Endpoint> pods = new HashMap<>();
        for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
            for (JsonNode workload : rendered.ofKind(kind)) {
                String name = workload.at("/metadata/name").asText();
                pods.put(
                        name,
                        Endpoint.pod(
                                name,
                                namespace,
                                labels(workload.at("/spec/template/metadata/labels")),
                                ports(workload)));
            }
        }
        int kafkaPort;
        if (overlay.equals("prod")) {
            JsonNode kafka = rendered.get("Kafka", "eye-kafka");
            JsonNode listener = kafka.at("/spec/kafka/listeners/0");
            kafkaPort = listener.path("port").asInt();
            Map<String, String> brokerLabels =
                    labels(rendered.get("KafkaNodePool", "brokers").at("/spec/template/pod/metadata/labels"));
            brokerLabels.putAll(Map.of(
                    "strimzi.io/cluster", "eye-kafka", "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true"));
            pods.put(
                    "kafka",
                    Endpoint.pod(
                            "kafka",
                            namespace,
                            brokerLabels,
                            Map.of(listener.path("name").asText(), kafkaPort)));
            policies.add(strimziListenerPolicy(namespace, listener));
            Map<String, String> postgresLabels =
                    labels(rendered.get("Cluster", "eye-postgres").at("/spec/inheritedMetadata/labels"));
            postgresLabels.put("cnpg.io/cluster", "eye-postgres");
            pods.put("postgres", Endpoint.pod("postgres", namespace, postgresLabels, Map.of("postgresql", 5432)));
        } else {
            kafkaPort = 9092;
        }
        return new Cluster(
                new NetworkPolicies(policies),
                pods,
                kafkaPort,
                Endpoint.inNamespace("ingress controller", "ingress-nginx", Map.of(), Map.of("app", "ingress-nginx")),
                Endpoint.inNamespace("prometheus", "monitoring", Map.of(), Map.of("app", "prometheus")),
                Endpoint.inNamespace(
                        "operator's shell", "the-eye-ops", Map.of("the-eye.io/operator-access", "true"), Map.of()),
                new Endpoint(
                        "kube-dns",
                        "kube-system",
                        Map.of("kubernetes.io/metadata.name", "kube-system"),
                        Map.of("k8s-app", "kube-dns"),
                        Map.of("dns", 53)),
                List.of(
                        Endpoint.pod(
                                "a debug pod in the namespace",
                                namespace,
                                Map.of("app.kubernetes.io/name", "debug"),
                                Map.of()),
                        Endpoint.inNamespace("a pod of another team", "default", Map.of(), Map.of("app", "other")),
                        Endpoint.outside("the internet")));
    }

    /** What Strimzi's cluster operator generates for a listener: ingress on its port from its networkPolicyPeers. */
    private static JsonNode strimziListenerPolicy(String namespace, JsonNode listener) {
        ObjectNode policy = Yaml.JSON.createObjectNode();
        policy.putObject("metadata")
                .put("name", "eye-kafka-network-policy-kafka")
                .put("namespace", namespace);
        ObjectNode spec = policy.putObject("spec");
        spec.putObject("podSelector").putObject("matchLabels").put("strimzi.io/cluster", "eye-kafka");
        spec.putArray("policyTypes").add("Ingress");
        ObjectNode rule = spec.putArray("ingress").addObject();
        rule.putArray("ports")
                .addObject()
                .put("port", listener.path("port").asInt())
                .put("protocol", "TCP");
        if (listener.has("networkPolicyPeers")) {
            rule.set("from", listener.path("networkPolicyPeers"));
        }
        return policy;
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.properties()
                .forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    private static Map<String, Integer> ports(JsonNode workload) {
        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode container : elements(workload.at("/spec/template/spec/containers"))) {
            for (JsonNode port : elements(container.path("ports"))) {
                if (port.has("name")) {
                    ports.put(
                            port.path("name").asText(),
                            port.path("containerPort").asInt());
                }
            }
        }
        return ports;
    }
}
