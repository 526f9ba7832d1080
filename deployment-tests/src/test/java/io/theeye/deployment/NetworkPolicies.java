package io.theeye.deployment;

import static io.theeye.deployment.RenderedOverlay.elements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes NetworkPolicy semantics over rendered objects, to ask "may this pod open a connection
 * to that pod's port?" as a cluster's network plugin would decide it: a pod selected by no policy
 * of a direction is open in that direction; one selected by any is open only to what some rule of
 * those policies allows; a connection needs both the source's egress and the destination's ingress.
 */
final class NetworkPolicies {

    /**
     * A pod, or anything with an address that policies can name.
     *
     * @param name for messages
     * @param namespace its namespace ("" for an address outside the cluster)
     * @param namespaceLabels its namespace's labels
     * @param labels its labels
     * @param ports its container ports by name, for policies that name ports
     */
    record Endpoint(
            String name,
            String namespace,
            Map<String, String> namespaceLabels,
            Map<String, String> labels,
            Map<String, Integer> ports) {

        static Endpoint pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
            return new Endpoint(name, namespace, namespaceLabels(namespace, Map.of()), labels, ports);
        }

        static Endpoint inNamespace(
                String name, String namespace, Map<String, String> extraNamespaceLabels, Map<String, String> labels) {
            return new Endpoint(name, namespace, namespaceLabels(namespace, extraNamespaceLabels), labels, Map.of());
        }

        /** Something outside the cluster (the internet, a webhook). */
        static Endpoint outside(String name) {
            return new Endpoint(name, "", Map.of(), Map.of(), Map.of());
        }

        boolean inCluster() {
            return !namespace.isEmpty();
        }

        private static Map<String, String> namespaceLabels(String namespace, Map<String, String> extra) {
            Map<String, String> labels = new HashMap<>(extra);
            labels.put("kubernetes.io/metadata.name", namespace);
            return labels;
        }
    }

    private final List<JsonNode> policies;

    NetworkPolicies(List<JsonNode> policies) {
        this.policies = policies;
    }

    /** Whether {@code from} may connect to {@code to} on a TCP port. */
    boolean allows(Endpoint from, Endpoint to, int port) {
        return allows(from, to, port, "TCP");
    }

    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return egressAllows(from, to, port, protocol) && ingressAllows(from, to, port, protocol);
    }

    private boolean egressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        if (!from.inCluster()) {
            return true;
        }
        List<JsonNode> selecting = selecting(from, "Egress");
        return selecting.isEmpty()
                || selecting.stream()
                        .anyMatch(policy -> elements(policy.at("/spec/egress")).stream()
                                .anyMatch(rule -> peersMatch(rule.path("to"), policy, to)
                                        && portsMatch(rule.path("ports"), to, port, protocol)));
    }

    private boolean ingressAllows(Endpoint from, Endpoint to, int port, String protocol) {
        if (!to.inCluster()) {
            return true;
        }
        List<JsonNode> selecting = selecting(to, "Ingress");
        return selecting.isEmpty()
                || selecting.stream()
                        .anyMatch(policy -> elements(policy.at("/spec/ingress")).stream()
                                .anyMatch(rule -> peersMatch(rule.path("from"), policy, from)
                                        && portsMatch(rule.path("ports"), to, port, protocol)));
    }

    private List<JsonNode> selecting(Endpoint pod, String type) {
        return policies.stream()
                .filter(policy -> namespaceOf(policy).equals(pod.namespace()))
                .filter(policy -> types(policy).contains(type))
                .filter(policy -> selects(policy.at("/spec/podSelector"), pod.labels()))
                .toList();
    }

    /** policyTypes, defaulted as the API server does: Ingress, plus Egress when egress rules exist. */
    private static List<String> types(JsonNode policy) {
        JsonNode declared = policy.at("/spec/policyTypes");
        if (!declared.isMissingNode() && !declared.isEmpty()) {
            return elements(declared).stream().map(JsonNode::asText).toList();
        }
        return policy.at("/spec/egress").isMissingNode() ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    /** A missing or empty peer list matches every endpoint. */
    private static boolean peersMatch(JsonNode peers, JsonNode policy, Endpoint endpoint) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : elements(peers)) {
            if (peer.has("ipBlock")) {
                // The cluster's pods are never meant by an ipBlock here; addresses outside are.
                if (!endpoint.inCluster()) {
                    return true;
                }
                continue;
            }
            if (!endpoint.inCluster()) {
                continue;
            }
            boolean namespaceMatches = peer.has("namespaceSelector")
                    ? selects(peer.path("namespaceSelector"), endpoint.namespaceLabels())
                    : endpoint.namespace().equals(namespaceOf(policy));
            boolean podMatches = !peer.has("podSelector") || selects(peer.path("podSelector"), endpoint.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    /** A missing or empty port list matches every port; a named port is looked up on the destination. */
    private static boolean portsMatch(JsonNode ports, Endpoint destination, int port, String protocol) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : elements(ports)) {
            if (!entry.path("protocol").asText("TCP").equals(protocol)) {
                continue;
            }
            JsonNode declared = entry.path("port");
            if (declared.isMissingNode()) {
                return true;
            }
            Optional<Integer> number = declared.isInt()
                    ? Optional.of(declared.asInt())
                    : Optional.ofNullable(destination.ports().get(declared.asText()));
            if (number.isPresent() && number.get() == port) {
                return true;
            }
        }
        return false;
    }

    /** A label selector: every matchLabels entry and every matchExpressions requirement holds. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> entry : selector.path("matchLabels").properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : elements(selector.path("matchExpressions"))) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = elements(expression.path("values")).stream()
                    .map(JsonNode::asText)
                    .toList();
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown operator in " + expression);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static String namespaceOf(JsonNode policy) {
        return policy.at("/metadata/namespace").asText();
    }
}
