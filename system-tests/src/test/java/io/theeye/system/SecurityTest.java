package io.theeye.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.theeye.localstack.JwtIssuer;
import io.theeye.localstack.LocalStack;
import io.theeye.localstack.ServiceProcess;
import io.theeye.localstack.StackOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens and operations endpoints as the packaged query-service handles them in the prod profile
 * (no Quarkus test mode): only a token for The Eye's audience, unexpired, recent and short-lived,
 * signed by the configured key, is taken; /q/* answers on the management port only; and a service
 * configured with compose's public demo key refuses to start at all.
 */
class SecurityTest {

    private static final Duration EXITS_WITHIN = Duration.ofSeconds(90);
    private static final Path DEMO_KEYS =
            Path.of(System.getProperty("eye.repository.root", ".."), "deploy/compose/jwt");

    private static LocalStack stack;
    private static JwtIssuer jwt;
    private static ServiceProcess query;

    @BeforeAll
    static void start() throws IOException {
        // Query does not migrate: the stack applies the schema, as the processor would.
        stack = LocalStack.start(StackOptions.forTests(Files.createTempDirectory("eye-security"), true));
        jwt = JwtIssuer.inDirectory(stack.dataDirectory().resolve("jwt"));
        query = ServiceProcess.of("query-service", stack.endpoints(), RunningEye.jwtEnvironment(jwt))
                .start()
                .awaitReady(RunningEye.READY_WITHIN);
    }

    @AfterAll
    static void stop() {
        if (query != null) {
            query.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void takesAValidTokenAndRefusesEveryOtherKind() {
        URI events = query.url("/v1/events?limit=1");
        JwtIssuer demo = JwtIssuer.withKeys(DEMO_KEYS.resolve("private-key.pem"), DEMO_KEYS.resolve("public-key.pem"));
        Map<String, String> refused = Map.of(
                "wrong audience", jwt.token("ana", "analyst", Duration.ofMinutes(10), "some-other-system"),
                "expired", jwt.expiredToken("ana", "analyst"),
                "issued two days ago",
                        jwt.tokenIssuedAt(
                                "ana", "analyst", Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(3)),
                "minted to live ten years", jwt.token("ana", "analyst", Duration.ofDays(3650)),
                "signed by the demo key", demo.token("mallory", "admin", Duration.ofMinutes(10)));

        assertThat(Http.get(events, jwt.token("ana", "analyst", Duration.ofMinutes(10)))
                        .status())
                .isEqualTo(200);
        refused.forEach((kind, token) -> {
            Http.Answer answer = Http.get(events, token);
            assertThat(answer.status()).as(kind).isEqualTo(401);
            assertThat(answer.text()).as(kind).contains("unauthorized");
        });
    }

    @Test
    void servesOperationsEndpointsOnTheManagementPortOnly() {
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            assertThat(Http.get(query.url(path), "none").status()).as(path).isEqualTo(404);
            assertThat(Http.get(query.managementUrl(path), "none").status())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    @Test
    void queryAndProcessorRefuseToStartWithTheDemoKeyOutsideDev() {
        Map<String, String> demoKey = new HashMap<>(RunningEye.jwtEnvironment(jwt));
        demoKey.put(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                DEMO_KEYS.resolve("public-key.pem").toAbsolutePath().toUri().toString());
        try (ServiceProcess demoQuery = ServiceProcess.of("query-service", stack.endpoints(), demoKey)
                        .start();
                ServiceProcess demoProcessor = ServiceProcess.of("processor-service", stack.endpoints(), demoKey)
                        .start()) {
            for (ServiceProcess service : List.of(demoQuery, demoProcessor)) {
                assertThat(awaitExit(service))
                        .as(service.log().toString())
                        .hasValueSatisfying(code -> assertThat(code).isNotZero());
                assertThat(log(service)).contains("refusing to start: the JWT verification key is the demo key");
            }
        }
    }

    @Test
    void theDemoKeyIsAcceptedInTheDevProfileAsComposeRunsIt() {
        Map<String, String> compose = new HashMap<>(RunningEye.jwtEnvironment(jwt));
        compose.put(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                DEMO_KEYS.resolve("public-key.pem").toAbsolutePath().toUri().toString());
        compose.put("QUARKUS_PROFILE", "dev");
        try (ServiceProcess demoQuery = ServiceProcess.of("query-service", stack.endpoints(), compose)
                .start()
                .awaitReady(RunningEye.READY_WITHIN)) {
            assertThat(log(demoQuery)).contains("trusting the public demo JWT key");
        }
    }

    private static Optional<Integer> awaitExit(ServiceProcess service) {
        Instant deadline = Instant.now().plus(EXITS_WITHIN);
        while (service.exitValue().isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return service.exitValue();
    }

    private static String log(ServiceProcess service) {
        try {
            return Files.readString(service.log());
        } catch (IOException e) {
            return "";
        }
    }
}
