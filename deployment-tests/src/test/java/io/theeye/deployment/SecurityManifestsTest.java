package io.theeye.deployment;

import static io.theeye.deployment.RenderedOverlay.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What the rendered overlays promise about access (SECURITY.md): Kafka authenticates and authorizes
 * every client with least-privilege users and quotas, PostgreSQL has one plain login role per
 * service, tokens are checked against each overlay's own issuer and audience, and ingest's rate
 * limit is on in prod.
 */
class SecurityManifestsTest {

    static final List<String> OVERLAYS = RenderedOverlay.OVERLAYS;

    /** The ACLs of each service's Kafka user: "resource type:name:pattern operations", sorted. */
    private static final Map<String, Set<String>> ACLS = Map.of(
            "eye-ingest",
            Set.of("topic:eye.events.raw:literal Describe,Write"),
            "eye-processor",
            Set.of(
                    "topic:eye.events.raw:literal Describe,Read",
                    "group:eye-processor:prefix Read",
                    "topic:eye.events.invalid:literal Describe,Write",
                    "topic:eye.events.valid:literal Describe,Write"),
            "eye-query",
            Set.of("topic:eye.events.valid:literal Describe,Read", "topic:eye.events.invalid:literal Describe,Read"));

    @Test
    void prodKafkaHasOnlyAnAuthenticatedTlsListenerAndTheSimpleAuthorizer() {
        JsonNode kafka = RenderedOverlay.of("prod").get("Kafka", "eye-kafka");

        assertThat(elements(kafka.at("/spec/kafka/listeners"))).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as(listener.toString()).isTrue();
            assertThat(listener.at("/authentication/type").asText())
                    .as(listener.toString())
                    .isIn("scram-sha-512", "tls");
        });
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        assertThat(elements(kafka.at("/spec/kafka/authorization/superUsers")))
                .extracting(JsonNode::asText)
                .containsExactly("eye-operator");
        assertThat(kafka.at("/spec/entityOperator/userOperator").isObject()).isTrue();
    }

    @Test
    void prodKafkaUsersHoldLeastPrivilegeAclsAndQuotas() {
        RenderedOverlay prod = RenderedOverlay.of("prod");

        assertThat(prod.ofKind("KafkaUser"))
                .extracting(user -> user.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("eye-ingest", "eye-processor", "eye-query", "eye-operator");
        ACLS.forEach((name, acls) -> {
            JsonNode user = prod.get("KafkaUser", name);
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("eye-kafka");
            assertThat(elements(user.at("/spec/authorization/acls")).stream()
                            .map(SecurityManifestsTest::acl)
                            .collect(Collectors.toSet()))
                    .as(name)
                    .isEqualTo(acls);
            // A quota on whatever the user may do: writing, reading or both.
            if (acls.stream().anyMatch(acl -> acl.contains("Write"))) {
                assertThat(user.at("/spec/quotas/producerByteRate").asInt())
                        .as(name)
                        .isPositive();
            }
            if (acls.stream().anyMatch(acl -> acl.startsWith("topic:") && acl.contains("Read"))) {
                assertThat(user.at("/spec/quotas/consumerByteRate").asInt())
                        .as(name)
                        .isPositive();
            }
            assertThat(user.at("/spec/quotas/requestPercentage").asInt())
                    .as(name)
                    .isBetween(1, 100);
        });
        assertThat(prod.get("KafkaUser", "eye-operator")
                        .at("/spec/authorization")
                        .isMissingNode())
                .as("the operator is a super user (kafka.yaml), not an ACL holder")
                .isTrue();
    }

    @Test
    void devKafkaAuthenticatesEveryListenerAndTheJobGrantsTheSameAcls() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        Map<String, String> broker = env(dev.get("StatefulSet", "kafka"));
        String setup = dev.get("Job", "kafka-topics")
                .at("/spec/template/spec/containers/0/args/0")
                .asText();

        assertThat(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).doesNotContain(":PLAINTEXT");
        assertThat(broker.get("KAFKA_AUTHORIZER_CLASS_NAME"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(broker.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
        assertThat(broker.get("KAFKA_SUPER_USERS")).isEqualTo("User:admin");
        assertThat(setup)
                .contains(
                        "--allow-principal User:eye-ingest --operation Write --operation Describe --topic eye.events.raw")
                .contains(
                        "--allow-principal User:eye-processor --operation Read --operation Describe --topic eye.events.raw")
                .contains("--group eye-processor --resource-pattern-type prefixed")
                .contains(
                        "--allow-principal User:eye-processor --operation Write --operation Describe --topic eye.events.invalid")
                .contains(
                        "--allow-principal User:eye-processor --operation Write --operation Describe --topic eye.events.valid")
                .contains(
                        "--allow-principal User:eye-query --operation Read --operation Describe --topic eye.events.valid")
                .contains(
                        "--allow-principal User:eye-query --operation Read --operation Describe --topic eye.events.invalid")
                .doesNotContain("User:eye-query --operation Write")
                .doesNotContain("User:eye-query --operation Read --group")
                .contains("--entity-name eye-query --add-config consumer_byte_rate=")
                .contains("producer_byte_rate=");
    }

    @Test
    void prodPostgresHasOnePlainLoginRolePerServiceWithTheSecretItsServiceReads() {
        RenderedOverlay prod = RenderedOverlay.of("prod");
        JsonNode cluster = prod.get("Cluster", "eye-postgres");

        assertThat(cluster.at("/spec/bootstrap/initdb/owner").asText()).isEqualTo("eye");
        assertThat(cluster.at("/spec/bootstrap/initdb/secret/name").asText()).isEqualTo("the-eye-db");
        assertThat(cluster.at("/spec/enableSuperuserAccess").asBoolean(true)).isFalse();
        List<JsonNode> roles = elements(cluster.at("/spec/managed/roles"));
        assertThat(roles)
                .extracting(role -> role.path("name").asText())
                .containsExactlyInAnyOrder("eye_ingest", "eye_processor", "eye_query");
        for (JsonNode role : roles) {
            String name = role.path("name").asText();
            assertThat(role.path("login").asBoolean()).as(name).isTrue();
            for (String power : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
                assertThat(role.path(power).asBoolean(true))
                        .as(name + " " + power)
                        .isFalse();
            }
            String service = name.replace("eye_", "") + "-service";
            JsonNode password = elements(prod.container(service).path("env")).stream()
                    .filter(variable -> variable.path("name").asText().equals("QUARKUS_DATASOURCE_PASSWORD"))
                    .findFirst()
                    .orElseThrow();
            assertThat(role.at("/passwordSecret/name").asText())
                    .as(name)
                    .isEqualTo(password.at("/valueFrom/secretKeyRef/name").asText());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void tokensAreCheckedAgainstTheOverlaysOwnIssuerAndAudience(String overlay) {
        Map<String, String> config = config(overlay);

        assertThat(config.get("MP_JWT_VERIFY_AUDIENCES")).isNotBlank();
        if (overlay.equals("prod")) {
            // Never the issuer of the demo, the local run or the tests: prod trusts its identity provider only.
            assertThat(config.get("MP_JWT_VERIFY_ISSUER")).isNotIn("the-eye", "the-eye-demo", "the-eye-local");
            assertThat(config.get("MP_JWT_VERIFY_ISSUER")).startsWith("https://");
            assertThat(config.get("QUARKUS_PROFILE")).isEqualTo("prod");
        } else {
            // The laptop cluster may trust the demo key (k8s/README.md): only the dev profile allows it.
            assertThat(config.get("QUARKUS_PROFILE")).isEqualTo("dev");
        }
    }

    @Test
    void prodRateLimitsEveryApplicationAndKafkaUsesTls() {
        Map<String, String> config = config("prod");

        assertThat(Integer.parseInt(config.get("EYE_INGEST_RATE_LIMIT_EVENTS_PER_SECOND")))
                .isPositive();
        assertThat(config.get("EYE_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS")).endsWith(":9093");
    }

    private static String acl(JsonNode rule) {
        Set<String> operations = new TreeSet<>();
        elements(rule.path("operations")).forEach(operation -> operations.add(operation.asText()));
        JsonNode resource = rule.path("resource");
        return resource.path("type").asText() + ":" + resource.path("name").asText() + ":"
                + resource.path("patternType").asText("literal") + " " + String.join(",", operations);
    }

    private static Map<String, String> env(JsonNode workload) {
        Map<String, String> env = new java.util.HashMap<>();
        for (JsonNode variable : elements(workload.at("/spec/template/spec/containers/0/env"))) {
            env.put(variable.path("name").asText(), variable.path("value").asText());
        }
        return env;
    }

    private static Map<String, String> config(String overlay) {
        JsonNode data = RenderedOverlay.of(overlay)
                .configMapGeneratedFrom("the-eye-config")
                .orElseThrow()
                .path("data");
        Map<String, String> config = new java.util.HashMap<>();
        data.properties()
                .forEach(entry -> config.put(entry.getKey(), entry.getValue().asText()));
        return config;
    }
}
