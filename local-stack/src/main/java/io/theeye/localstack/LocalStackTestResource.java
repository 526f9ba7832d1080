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
 * <p>Arg {@code migrate} (default true): apply the schema, for services that do not own it.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    /** Test code reads the stack's settings from these system properties. */
    public static final String PROPERTY_PREFIX = "eye.test-stack.";

    private static LocalStack stack;
    private boolean migrate = true;

    @Override
    public void init(Map<String, String> initArgs) {
        migrate = Boolean.parseBoolean(initArgs.getOrDefault("migrate", "true"));
    }

    @Override
    public Map<String, String> start() {
        return new HashMap<>(shared(migrate).endpoints().quarkusConfig());
    }

    /** The stack of this JVM, started on first use; Quarkus restarts between test classes reuse it. */
    public static synchronized LocalStack shared(boolean migrate) {
        if (stack == null) {
            try {
                Path data = Files.createTempDirectory("eye-test-stack");
                stack = LocalStack.start(StackOptions.forTests(data, migrate));
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "eye-test-stack-stop"));
                stack.endpoints().quarkusConfig().forEach((k, v) -> System.setProperty(PROPERTY_PREFIX + k, v));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: it stops with the JVM.
    }
}
