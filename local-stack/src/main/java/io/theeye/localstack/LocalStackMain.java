package io.theeye.localstack;

import io.theeye.contract.ApplicationKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The local run's stack: Kafka and PostgreSQL on fixed ports with data kept across restarts.
 * Writes the services' settings to an env file once ready, and stops cleanly on SIGINT/SIGTERM.
 *
 * <p>Options: {@code --data-dir DIR --kafka-port N --kafka-controller-port N --postgres-port N
 * --raw-partitions N --env-file FILE}. Also registers a demo application whose key goes into the env file.
 */
public final class LocalStackMain {

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
        String demoKey = demoApplicationKey(stack, dataDir.resolve("demo-application.key"));
        String env = stack.endpoints().environment().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n"))
                + "EYE_DEMO_APPLICATION_KEY=" + demoKey + "\n"
                + jwtSettings(JwtIssuer.inDirectory(dataDir.resolve("jwt")));
        Path partial = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.writeString(partial, env);
        Files.move(partial, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("local stack: ready (Kafka " + stack.endpoints().kafkaBootstrapServers() + ", PostgreSQL "
                + stack.endpoints().jdbcUrl() + ", data in " + dataDir + ")");
        stopped.await();
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

    /** A throwaway key pair for the local run, and tokens for an analyst and an admin. */
    private static String jwtSettings(JwtIssuer jwt) {
        Duration validity = Duration.ofDays(30);
        return "MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + jwt.publicKeyFile().toUri() + "\n"
                + "MP_JWT_VERIFY_ISSUER=" + JwtIssuer.ISSUER + "\n"
                + "EYE_ANALYST_TOKEN=" + jwt.token("local-analyst", "analyst", validity) + "\n"
                + "EYE_ADMIN_TOKEN=" + jwt.token("local-admin", "admin", validity) + "\n";
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
