package io.theeye.localstack;

import io.theeye.contract.ApplicationKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The local run's stack: Kafka and PostgreSQL on fixed ports with data kept across restarts.
 * Once ready it writes {@code stack.env} (addresses, the demo key, tokens, and the owner's and
 * operator's credentials for tools) and one {@code <service>.env} per service holding only that
 * service's own credentials, and stops cleanly on SIGINT/SIGTERM.
 *
 * <p>Options: {@code --data-dir DIR --kafka-port N --kafka-controller-port N --postgres-port N
 * --raw-partitions N --env-file FILE}. Also registers a demo application whose key goes into the env file.
 */
public final class LocalStackMain {

    /** How long the printed analyst and admin tokens work: the services refuse older ones anyway. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    private LocalStackMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = parse(args);
        Path dataDir =
                Path.of(options.getOrDefault("data-dir", ".eye-local/data")).toAbsolutePath();
        Path envFile = Path.of(
                options.getOrDefault("env-file", dataDir.resolve("stack.env").toString()));
        Files.deleteIfExists(envFile);
        StackOptions stackOptions = new StackOptions(
                dataDir,
                true,
                Integer.parseInt(options.getOrDefault("kafka-port", "9092")),
                Integer.parseInt(options.getOrDefault("kafka-controller-port", "9093")),
                Integer.parseInt(options.getOrDefault("postgres-port", "5432")),
                Integer.parseInt(options.getOrDefault("raw-partitions", "12")),
                Integer.parseInt(options.getOrDefault("invalid-partitions", "3")),
                // Flyway is idempotent: processor-service finds the schema current and moves on.
                true);

        LocalStack stack = LocalStack.start(stackOptions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local stack: stopping Kafka and PostgreSQL");
            stack.close();
            stopped.countDown();
        }));
        StackEndpoints endpoints = stack.endpoints();
        JwtIssuer jwt = JwtIssuer.inDirectory(dataDir.resolve("jwt"));
        for (EyeService service : EyeService.values()) {
            Map<String, String> env = new LinkedHashMap<>(endpoints.environment(service));
            if (service != EyeService.INGEST) {
                env.putAll(jwtSettings(jwt));
            }
            writeAtomically(envFile.resolveSibling(service.serviceName() + ".env"), lines(env));
        }
        String demoKey = demoApplicationKey(stack, dataDir.resolve("demo-application.key"));
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers());
        shared.put("QUARKUS_DATASOURCE_JDBC_URL", endpoints.jdbcUrl());
        shared.put("EYE_DB_OWNER_USERNAME", endpoints.username());
        shared.put("EYE_DB_OWNER_PASSWORD", endpoints.password());
        shared.put("EYE_KAFKA_OPERATOR_USERNAME", StackCredentials.KAFKA_OPERATOR);
        shared.put("EYE_KAFKA_OPERATOR_PASSWORD", endpoints.credentials().kafkaOperatorPassword());
        shared.put("EYE_DEMO_APPLICATION_KEY", demoKey);
        shared.putAll(jwtSettings(jwt));
        shared.put("EYE_ANALYST_TOKEN", jwt.token("local-analyst", "analyst", TOKEN_VALIDITY));
        shared.put("EYE_ADMIN_TOKEN", jwt.token("local-admin", "admin", TOKEN_VALIDITY));
        shared.put(
                "EYE_TOKENS_EXPIRE_AT",
                Instant.now()
                        .plus(TOKEN_VALIDITY)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        // Written last: its appearance tells run-local.sh that everything is ready.
        writeAtomically(envFile, lines(shared));
        System.out.println("local stack: ready (Kafka " + endpoints.kafkaBootstrapServers() + ", PostgreSQL "
                + endpoints.jdbcUrl() + ", data in " + dataDir + ")");
        stopped.await();
    }

    private static String lines(Map<String, String> env) {
        return env.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Written whole or not at all, readable by the owner only: the files hold passwords. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(partial, content);
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the data directory's own permissions apply.
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The local run's demo application. Its key is kept in the data directory (this is the only
     * place a key is stored in clear: a throwaway key for a local run) so it can be shown again.
     */
    private static String demoApplicationKey(LocalStack stack, Path keyFile) throws IOException {
        String key = Files.exists(keyFile) ? Files.readString(keyFile).trim() : ApplicationKeys.generate();
        new ApplicationRegistrar(stack.endpoints()).register("demo", key);
        Files.writeString(keyFile, key + "\n");
        return key;
    }

    /** Where the services find the local run's throwaway public key, and whose tokens they take. */
    private static Map<String, String> jwtSettings(JwtIssuer jwt) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwt.publicKeyFile().toUri().toString());
        settings.put("MP_JWT_VERIFY_ISSUER", JwtIssuer.ISSUER);
        settings.put("MP_JWT_VERIFY_AUDIENCES", JwtIssuer.AUDIENCE);
        return settings;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
