package io.theeye.system;

import io.theeye.localstack.ApplicationRegistrar;
import io.theeye.localstack.ApplicationRegistrar.RegisteredApplication;
import io.theeye.localstack.JwtIssuer;
import io.theeye.localstack.LocalStack;
import io.theeye.localstack.ServiceProcess;
import io.theeye.localstack.StackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole of The Eye as it runs in production: a real stack and the three packaged services,
 * each in its own JVM, started in parallel (they must cope with any start order).
 */
final class RunningEye implements AutoCloseable {

    static final Duration READY_WITHIN = Duration.ofSeconds(120);

    final LocalStack stack;
    final JwtIssuer jwt;
    final ServiceProcess processor;
    final ServiceProcess ingest;
    final ServiceProcess query;

    private RunningEye(
            LocalStack stack, JwtIssuer jwt, ServiceProcess processor, ServiceProcess ingest, ServiceProcess query) {
        this.stack = stack;
        this.jwt = jwt;
        this.processor = processor;
        this.ingest = ingest;
        this.query = query;
    }

    static RunningEye start() {
        return start(false);
    }

    /** A persistent stack keeps its data when PostgreSQL is restarted (fault tests need that). */
    static RunningEye start(boolean persistent) {
        return start(persistent, false, Map.of());
    }

    /**
     * With the console wired to the processor as the local run wires it: query-service names the
     * processor's URL for the browser (EYE_CONSOLE_PROCESSOR_URL) and the processor allows the
     * console's origin (EYE_CONSOLE_ORIGIN). The processor also gets {@code processorEnvironment}.
     */
    static RunningEye startWithConsole(Map<String, String> processorEnvironment) {
        return start(false, true, processorEnvironment);
    }

    private static RunningEye start(boolean persistent, boolean console, Map<String, String> processorEnvironment) {
        try {
            Path data = Files.createTempDirectory("eye-system-test");
            StackOptions throwaway = StackOptions.forTests(data, false);
            // The processor owns the schema: nothing else migrates it here.
            LocalStack stack = LocalStack.start(
                    persistent
                            ? new StackOptions(
                                    data,
                                    true,
                                    throwaway.kafkaPort(),
                                    throwaway.kafkaControllerPort(),
                                    throwaway.postgresPort(),
                                    throwaway.rawPartitions(),
                                    throwaway.invalidPartitions(),
                                    false)
                            : throwaway);
            JwtIssuer jwt = JwtIssuer.inDirectory(data.resolve("jwt"));
            Map<String, String> jwtEnv = jwtEnvironment(jwt);
            ServiceProcess processor = ServiceProcess.of("processor-service", stack.endpoints(), jwtEnv)
                    .with(processorEnvironment);
            ServiceProcess query = ServiceProcess.of("query-service", stack.endpoints(), jwtEnv);
            if (console) {
                processor = processor.with(Map.of("EYE_CONSOLE_ORIGIN", origin(query.url("/"))));
                query = query.with(Map.of("EYE_CONSOLE_PROCESSOR_URL", origin(processor.url("/"))));
            }
            processor.start();
            ServiceProcess ingest = ServiceProcess.of(
                            "ingest-service", stack.endpoints(), Map.of("EYE_INGEST_KEYS_REFRESH_INTERVAL", "1s"))
                    .start();
            query.start();
            RunningEye eye = new RunningEye(stack, jwt, processor, ingest, query);
            processor.awaitReady(READY_WITHIN);
            ingest.awaitReady(READY_WITHIN);
            query.awaitReady(READY_WITHIN);
            return eye;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String origin(java.net.URI url) {
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }

    /** Another processor JVM against the same stack (same consumer group unless the env says otherwise). */
    ServiceProcess startProcessor(Map<String, String> environment) {
        return processor(stack, jwt, environment).start().awaitReady(READY_WITHIN);
    }

    private static ServiceProcess processor(LocalStack stack, JwtIssuer jwt, Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putAll(jwtEnvironment(jwt));
        return ServiceProcess.of("processor-service", stack.endpoints(), env);
    }

    /** Where processor and query find the tests' public key, and whose tokens (issuer, audience) they take. */
    static Map<String, String> jwtEnvironment(JwtIssuer jwt) {
        return Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                jwt.publicKeyFile().toUri().toString(),
                "MP_JWT_VERIFY_ISSUER",
                JwtIssuer.ISSUER,
                "MP_JWT_VERIFY_AUDIENCES",
                JwtIssuer.AUDIENCE);
    }

    /** A new application whose key ingest will accept within its refresh interval. */
    RegisteredApplication registerApplication(String name) {
        return new ApplicationRegistrar(stack.endpoints()).register(name);
    }

    /** A new application, once ingest accepts its key (within 30 s). */
    RegisteredApplication application(String name) {
        RegisteredApplication app = registerApplication(name);
        // "[]" is refused after the key check and before Kafka: it probes the key and stores nothing.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        Http.post(ingest.url("/v1/events"), app.key(), "[]").status() != 401);
        return app;
    }

    String analystToken() {
        return jwt.token("system-test-analyst", "analyst", Duration.ofMinutes(30));
    }

    @Override
    public void close() {
        try (stack;
                processor;
                ingest;
                query) {
            // closes the services, then the stack
        }
    }
}
