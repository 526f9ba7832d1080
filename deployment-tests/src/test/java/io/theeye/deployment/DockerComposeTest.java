package io.theeye.deployment;

import static io.theeye.deployment.RenderedOverlay.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docker-compose.yml, checked without a Docker engine: its structure against the Compose
 * Specification, and that it builds, starts in order and wires the services as ARCHITECTURE.md says.
 */
class DockerComposeTest {

    private static final Set<String> LONG_RUNNING =
            Set.of("kafka", "postgres", "ingest-service", "processor-service", "query-service");

    private final JsonNode compose = Yaml.document(RepositoryFiles.read(RepositoryFiles.resolve("docker-compose.yml")));

    @Test
    void matchesTheComposeSpecification() {
        assertThat(specificationProblems(compose)).isEmpty();
    }

    @Test
    void specificationCheckRejectsMisspelledKeyAndUnknownCondition() {
        String broken = RepositoryFiles.read(RepositoryFiles.resolve("docker-compose.yml"))
                .replace(
                        "    healthcheck:\n      test: [\"CMD\", \"pg_isready\"",
                        "    healthchek:\n      test: [\"CMD\", \"pg_isready\"")
                .replace("condition: service_completed_successfully", "condition: service_completed");

        assertThat(specificationProblems(Yaml.document(broken)))
                .anySatisfy(problem -> assertThat(problem).contains("healthchek"))
                .anySatisfy(problem -> assertThat(problem).contains("condition"));
    }

    @Test
    void everyServiceHasAPinnedImageOrABuildWhoseDockerfileExists() {
        for (Map.Entry<String, JsonNode> service : services()) {
            JsonNode build = service.getValue().path("build");
            String image = service.getValue().path("image").asText("");
            if (build.isMissingNode()) {
                assertThat(image).as(service.getKey()).matches(".+:[^:/]+").doesNotEndWith(":latest");
            } else {
                Path context =
                        RepositoryFiles.root().resolve(build.path("context").asText());
                assertThat(context).as(service.getKey()).isDirectory();
                assertThat(context.resolve(build.path("dockerfile").asText("Dockerfile")))
                        .as(service.getKey())
                        .isRegularFile();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"ingest-service, 8080, 9080", "processor-service, 8081, 9081", "query-service, 8082, 9082"})
    void eachServiceIsBuiltFromItsOwnDockerfileAndPublishesItsPorts(String name, int port, int management) {
        JsonNode service = compose.at("/services/" + name);

        assertThat(service.at("/build/context").asText()).isEqualTo(".");
        assertThat(service.at("/build/dockerfile").asText()).isEqualTo(name + "/Dockerfile");
        assertThat(elements(service.path("ports")))
                .extracting(JsonNode::asText)
                .containsExactly("127.0.0.1:" + port + ":" + port, "127.0.0.1:" + management + ":" + management);
        assertThat(service.at("/healthcheck/test").toString())
                .contains("/dev/tcp/127.0.0.1/" + management)
                .contains("/q/health/ready");
    }

    @Test
    void longRunningServicesHaveHealthchecks() {
        for (String name : LONG_RUNNING) {
            JsonNode test = compose.at("/services/" + name + "/healthcheck/test");
            assertThat(elements(test)).as(name).hasSizeGreaterThan(1);
            assertThat(test.get(0).asText()).as(name).isIn("CMD", "CMD-SHELL");
        }
    }

    @Test
    void dependenciesWaitForHealthOrSuccessfulCompletion() {
        for (Map.Entry<String, JsonNode> service : services()) {
            for (Map.Entry<String, JsonNode> dependency :
                    service.getValue().path("depends_on").properties()) {
                String condition = dependency.getValue().path("condition").asText();
                JsonNode target = compose.at("/services/" + dependency.getKey());
                String edge = service.getKey() + " -> " + dependency.getKey();
                assertThat(target.isMissingNode()).as(edge).isFalse();
                assertThat(condition).as(edge).isIn("service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(target.has("healthcheck")).as(edge).isTrue();
                } else {
                    assertThat(target.path("restart").asText()).as(edge).isEqualTo("no");
                }
            }
        }
        assertThat(compose.at("/services/ingest-service/depends_on/processor-service/condition")
                        .asText())
                .as("ingest waits for the processor's migrations")
                .isEqualTo("service_healthy");
        assertThat(compose.at("/services/query-service/depends_on/processor-service/condition")
                        .asText())
                .as("query waits for the processor's migrations")
                .isEqualTo("service_healthy");
    }

    @Test
    void servicesGetTheSettingsTheArchitectureNamesAndEachItsOwnCredentials() {
        for (String name : RenderedOverlay.SERVICES) {
            JsonNode environment = compose.at("/services/" + name + "/environment");
            String role = name.replace("-service", "");
            assertThat(environment.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(environment.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText())
                    .isEqualTo("postgresql://postgres:5432/eye");
            assertThat(environment.path("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo("eye_" + role);
            assertThat(environment.path("QUARKUS_DATASOURCE_PASSWORD").asText()).isNotBlank();
            assertThat(environment.path("EYE_KAFKA_USERNAME").asText()).isEqualTo("eye-" + role);
            assertThat(environment.path("EYE_KAFKA_PASSWORD").asText()).isNotBlank();
        }
        assertThat(services().stream()
                        .map(service -> service.getValue().at("/environment/QUARKUS_DATASOURCE_PASSWORD"))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::asText)
                        .distinct()
                        .count())
                .as("one password per role")
                .isEqualTo(3);
        JsonNode processor = compose.at("/services/processor-service/environment");
        assertThat(processor.path("QUARKUS_DATASOURCE_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://postgres:5432/eye");
        // Only the processor's migrations connect as the schema owner.
        assertThat(processor.path("QUARKUS_FLYWAY_USERNAME").asText()).isEqualTo("eye");
        for (String name : List.of("processor-service", "query-service")) {
            JsonNode environment = compose.at("/services/" + name + "/environment");
            assertThat(environment.path("MP_JWT_VERIFY_ISSUER").asText()).isEqualTo("the-eye-demo");
            assertThat(environment.path("MP_JWT_VERIFY_AUDIENCES").asText()).isEqualTo("the-eye");
            // The demo key is accepted in the dev profile only (DemoKeyGuard).
            assertThat(environment.path("QUARKUS_PROFILE").asText()).isEqualTo("dev");
            String keyInContainer =
                    environment.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText();
            assertThat(elements(compose.at("/services/" + name + "/volumes")))
                    .extracting(JsonNode::asText)
                    .contains("./deploy/compose/jwt/public-key.pem:" + keyInContainer + ":ro");
        }
    }

    @Test
    void bindMountedFilesExist() {
        for (Map.Entry<String, JsonNode> service : services()) {
            for (JsonNode volume : elements(service.getValue().path("volumes"))) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(RepositoryFiles.root().resolve(source))
                            .as(service.getKey())
                            .isRegularFile();
                }
            }
        }
    }

    @Test
    void kafkaInitCreatesTheTopicsTheServicesUsersTheirAclsAndQuotas() {
        JsonNode init = compose.at("/services/kafka-init");
        String script = RepositoryFiles.read(RepositoryFiles.resolve("deploy/compose/kafka-setup.sh"));

        assertThat(init.at("/environment/EYE_RAW_PARTITIONS").asInt()).isEqualTo(12);
        assertThat(init.at("/environment/EYE_INVALID_PARTITIONS").asInt()).isEqualTo(3);
        assertThat(script)
                .contains("--topic eye.events.raw")
                .contains("--config retention.ms=-1")
                .contains("--topic eye.events.invalid")
                .contains("--topic eye.events.valid \\\n  --partitions \"${EYE_RAW_PARTITIONS:-12}\"")
                .contains("--if-not-exists")
                .contains("user eye-ingest")
                .contains("user eye-processor")
                .contains("user eye-query")
                .contains(
                        "acl --allow-principal User:eye-ingest --operation Write --operation Describe --topic eye.events.raw")
                .contains(
                        "acl --allow-principal User:eye-processor --operation Read --operation Describe --topic eye.events.raw")
                .contains("--group eye-processor --resource-pattern-type prefixed")
                .contains(
                        "acl --allow-principal User:eye-processor --operation Write --operation Describe --topic eye.events.invalid")
                .contains(
                        "acl --allow-principal User:eye-processor --operation Write --operation Describe --topic eye.events.valid")
                .contains(
                        "acl --allow-principal User:eye-query --operation Read --operation Describe --topic eye.events.valid")
                .contains(
                        "acl --allow-principal User:eye-query --operation Read --operation Describe --topic eye.events.invalid")
                .doesNotContain("User:eye-query --operation Write")
                .contains("quota eye-ingest \"producer_byte_rate=")
                .contains("quota eye-query \"consumer_byte_rate=");
        assertThat(init.at("/environment/EYE_KAFKA_INGEST_PASSWORD").asText())
                .isEqualTo(compose.at("/services/ingest-service/environment/EYE_KAFKA_PASSWORD")
                        .asText());
        assertThat(init.at("/environment/EYE_KAFKA_PROCESSOR_PASSWORD").asText())
                .isEqualTo(compose.at("/services/processor-service/environment/EYE_KAFKA_PASSWORD")
                        .asText());
        assertThat(init.at("/environment/EYE_KAFKA_QUERY_PASSWORD").asText())
                .isEqualTo(compose.at("/services/query-service/environment/EYE_KAFKA_PASSWORD")
                        .asText());
        assertThat(compose.at("/services/kafka/environment/KAFKA_AUTO_CREATE_TOPICS_ENABLE")
                        .asText())
                .isEqualTo("false");
    }

    @Test
    void kafkaAuthenticatesEveryListenerAndDeniesWhatNoAclAllows() {
        JsonNode kafka = compose.at("/services/kafka/environment");

        assertThat(kafka.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText())
                .isEqualTo("CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT");
        assertThat(kafka.path("KAFKA_AUTHORIZER_CLASS_NAME").asText())
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText()).isEqualTo("false");
        assertThat(kafka.path("KAFKA_SUPER_USERS").asText()).isEqualTo("User:admin");
        assertThat(compose.at("/services/kafka/healthcheck/test").toString()).contains("--command-config");
    }

    @Test
    void postgresCreatesTheOwnerAndOneRolePerServiceAndTheDevOverlayUsesTheSameScript() {
        String script = RepositoryFiles.read(RepositoryFiles.resolve("deploy/compose/postgres-roles.sh"));

        assertThat(script)
                .contains("CREATE ROLE eye LOGIN")
                .contains("CREATE ROLE eye_ingest LOGIN")
                .contains("CREATE ROLE eye_processor LOGIN")
                .contains("CREATE ROLE eye_query LOGIN")
                .contains("CREATE DATABASE eye OWNER eye");
        assertThat(compose.at("/services/postgres/environment/POSTGRES_USER").asText())
                .as("the superuser is not the schema owner")
                .isEqualTo("postgres");
        assertThat(RepositoryFiles.read(RepositoryFiles.resolve("k8s/overlays/dev/postgres-roles.sh")))
                .isEqualTo(script);
        assertThat(compose.at("/services/demo-seed/environment/PGUSER").asText())
                .isEqualTo("eye");
    }

    @Test
    void kafkaClusterIdsAreValidKraftIds() {
        String dev = RepositoryFiles.read(RepositoryFiles.resolve("k8s/overlays/dev/kafka.yaml"));
        Matcher devId = Pattern.compile("name: CLUSTER_ID\\s+value: (\\S+)").matcher(dev);
        assertThat(devId.find()).isTrue();

        for (String id :
                List.of(compose.at("/services/kafka/environment/CLUSTER_ID").asText(), devId.group(1))) {
            // Kafka's Uuid: 16 bytes, base64url without padding.
            assertThat(id).hasSize(22);
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        }
    }

    @Test
    void demoApplicationKeyHasTheApplicationKeyFormat() {
        List<String> command = elements(compose.at("/services/demo-seed/command")).stream()
                .map(JsonNode::asText)
                .toList();

        assertThat(command).anySatisfy(argument -> assertThat(argument).matches("--set=demo_key=eye_[0-9A-Za-z]{32}"));
        assertThat(compose.at("/services/demo-seed/depends_on/processor-service/condition")
                        .asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void noTokenIsCommitted() throws IOException {
        try (var files = Files.walk(RepositoryFiles.resolve("deploy"))) {
            assertThat(files.map(Path::toString).filter(name -> name.endsWith(".jwt")))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"analyst", "admin"})
    void mintedDemoTokensAreSignedByTheDemoKeyWithTheClaimsTheServicesCheckAndLiveHours(String group) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/openssl")) || System.getenv("CI") != null,
                "openssl not installed: mint-token.sh not run");
        Path jwt = RepositoryFiles.resolve("deploy/compose/jwt");
        String[] parts = mint("demo-" + group, group).split("\\.");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey(jwt.resolve("public-key.pem")));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        JsonNode header = Yaml.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = Yaml.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("the-eye-demo");
        assertThat(claims.path("aud").asText()).isEqualTo("the-eye");
        assertThat(claims.path("upn").asText()).isNotBlank();
        assertThat(elements(claims.path("groups"))).extracting(JsonNode::asText).containsExactly(group);
        // Within a day, as the services require (smallrye.jwt.time-to-live).
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(12 * 3600);
        assertThat(Instant.ofEpochSecond(claims.path("exp").asLong()))
                .isBefore(Instant.now().plus(1, ChronoUnit.DAYS));
    }

    private static String mint(String user, String group) throws Exception {
        Process process = new ProcessBuilder(
                        "bash",
                        RepositoryFiles.resolve("deploy/compose/mint-token.sh").toString(),
                        user,
                        group)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return token;
    }

    private static List<String> specificationProblems(JsonNode file) {
        ObjectNode specification;
        try (InputStream in = DockerComposeTest.class.getResourceAsStream("/schemas/compose-spec.json")) {
            specification = (ObjectNode) Yaml.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The top-level project name joined the specification after the vendored copy.
        ((ObjectNode) specification.get("properties")).putObject("name").put("type", "string");
        // The copy still carries draft-04 "id" keywords, which a 2019-09 validator refuses to load.
        removeTextualIds(specification);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(specification)
                .validate(file)
                .stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    private static void removeTextualIds(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").isTextual()) {
            object.remove("id");
        }
        node.forEach(DockerComposeTest::removeTextualIds);
    }

    private List<Map.Entry<String, JsonNode>> services() {
        return compose.path("services").properties().stream().toList();
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem)
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
