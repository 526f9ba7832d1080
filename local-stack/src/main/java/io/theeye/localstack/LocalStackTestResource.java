package io.theeye.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: one real Kafka and one real PostgreSQL per test JVM, on free ports with
 * throwaway data, stopped when the JVM exits (and by their watchdogs if it is killed).
 *
 * <p>Each service under test connects with its own credentials, as in production: its PostgreSQL
 * role and its Kafka user. Which service it is comes from the {@code service} arg or else from the
 * {@code quarkus.application.name} of the application.properties on the test classpath.
 *
 * <p>Arg {@code migrate} (default true): apply the schema, for services that do not own it.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    /** Where the running stack's endpoints are kept for test code: see {@link #endpoints()}. */
    public static final String PROPERTY_PREFIX = "eye.test-stack.";

    private static LocalStack stack;
    private boolean migrate = true;
    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        migrate = Boolean.parseBoolean(initArgs.getOrDefault("migrate", "true"));
        service = initArgs.get("service");
    }

    @Override
    public Map<String, String> start() {
        EyeService underTest = EyeService.named(service != null ? service : applicationName());
        Map<String, String> config = new HashMap<>(shared(migrate).endpoints().quarkusConfig(underTest));
        config.put(
                "mp.jwt.verify.publickey.location",
                jwt().publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", JwtIssuer.ISSUER);
        config.put("mp.jwt.verify.audiences", JwtIssuer.AUDIENCE);
        return config;
    }

    /** The {@code quarkus.application.name} of the service whose tests run in this JVM. */
    private static String applicationName() {
        try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the test classpath: pass the "
                        + "service as the test resource's 'service' arg");
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("quarkus.application.name");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack of this JVM, started on first use; Quarkus restarts between test classes reuse it. */
    public static synchronized LocalStack shared(boolean migrate) {
        if (stack == null) {
            try {
                Path data = Files.createTempDirectory("eye-test-stack");
                stack = LocalStack.start(StackOptions.forTests(data, migrate));
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "eye-test-stack-stop"));
                publish(stack.endpoints());
                System.setProperty(PROPERTY_PREFIX + "kafka-pid", Long.toString(stack.kafkaPid()));
                System.setProperty(PROPERTY_PREFIX + "data", data.toString());
                System.setProperty(
                        PROPERTY_PREFIX + "kafka-controller-port", Integer.toString(stack.kafkaControllerPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    /**
     * The running test stack's endpoints. Kept in system properties because Quarkus may load
     * this class again in another class loader for the test code, where the static field is empty.
     */
    public static StackEndpoints endpoints() {
        String kafka = System.getProperty(PROPERTY_PREFIX + "kafka");
        if (kafka == null) {
            throw new IllegalStateException("no test stack is running in this JVM");
        }
        return new StackEndpoints(
                kafka,
                System.getProperty(PROPERTY_PREFIX + "postgres-host"),
                Integer.parseInt(System.getProperty(PROPERTY_PREFIX + "postgres-port")),
                System.getProperty(PROPERTY_PREFIX + "database"),
                StackCredentials.inDirectory(Path.of(System.getProperty(PROPERTY_PREFIX + "data"))));
    }

    /**
     * Stops the test stack's broker, for tests of how a service copes without Kafka. Works by
     * process id (kept as a string property) because test code may see this class through another
     * class loader than the one that started the stack.
     */
    public static void stopKafka() {
        String pid = System.getProperty(PROPERTY_PREFIX + "kafka-pid");
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(broker -> {
            broker.destroy();
            try {
                broker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                broker.destroyForcibly();
            }
        });
    }

    /** Starts the broker again on the same ports with its data; it stops when this JVM ends. */
    public static void startKafka() {
        String[] hostPort = endpoints().kafkaBootstrapServers().split(":");
        KafkaBroker broker = KafkaBroker.start(
                Path.of(System.getProperty(PROPERTY_PREFIX + "data")),
                Integer.parseInt(hostPort[1]),
                Integer.parseInt(System.getProperty(PROPERTY_PREFIX + "kafka-controller-port")));
        System.setProperty(PROPERTY_PREFIX + "kafka-pid", Long.toString(broker.pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "eye-test-broker-stop"));
    }

    /** Signs tokens the services under test accept. */
    public static JwtIssuer jwt() {
        return JwtIssuer.inDirectory(
                Path.of(System.getProperty(PROPERTY_PREFIX + "data")).resolve("jwt"));
    }

    private static void publish(StackEndpoints endpoints) {
        System.setProperty(PROPERTY_PREFIX + "kafka", endpoints.kafkaBootstrapServers());
        System.setProperty(PROPERTY_PREFIX + "postgres-host", endpoints.postgresHost());
        System.setProperty(PROPERTY_PREFIX + "postgres-port", Integer.toString(endpoints.postgresPort()));
        System.setProperty(PROPERTY_PREFIX + "database", endpoints.database());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: it stops with the JVM.
    }
}
