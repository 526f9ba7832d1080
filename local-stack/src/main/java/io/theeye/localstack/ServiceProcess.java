package io.theeye.localstack;

import io.theeye.localstack.kafka.ParentWatchingLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app}) running as its own JVM, as in production: its
 * own database role and Kafka user, the API on one port and {@code /q/*} on the management port.
 * It exits with the test JVM even if that is killed (parent watcher), and logs to a file.
 * Used by system tests, the client's tests and benchmarks. System properties
 * {@code eye.repository.root} and {@code eye.system-tests.logs} say where the services and logs are.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;

    private ServiceProcess(
            String name,
            int port,
            int managementPort,
            Path log,
            List<String> command,
            Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.command = command;
        this.environment = environment;
    }

    /** Prepares a service of this repository to run against the stack; {@link #start()} runs it. */
    public static ServiceProcess of(String service, StackEndpoints stack, Map<String, String> extraEnvironment) {
        Path root = Path.of(System.getProperty("eye.repository.root", ".."));
        Path app = root.resolve(service)
                .resolve("target/quarkus-app/quarkus-run.jar")
                .toAbsolutePath();
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " is missing: package the services first (./mvnw verify does)");
        }
        Path logs = Path.of(System.getProperty("eye.system-tests.logs", "target/service-logs"));
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                launcherLocation() + java.io.File.pathSeparator + app,
                ParentWatchingLauncher.class.getName(),
                Long.toString(ProcessHandle.current().pid()),
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        Map<String, String> environment = new java.util.HashMap<>(stack.environment(EyeService.named(service)));
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.putAll(extraEnvironment);
        return new ServiceProcess(service, port, managementPort, logs.resolve(service + ".log"), command, environment);
    }

    /**
     * The same service on the same ports with more environment: for settings that name another
     * service's URL, known only once both are prepared (the console's processor, its origin).
     */
    public ServiceProcess with(Map<String, String> moreEnvironment) {
        Map<String, String> merged = new java.util.HashMap<>(environment);
        merged.putAll(moreEnvironment);
        return new ServiceProcess(name, port, managementPort, log, command, merged);
    }

    /** Starts the JVM; returns at once (see {@link #awaitReady}). */
    public ServiceProcess start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} on the management port answers 200, failing with the
     * log's name if it does not.
     */
    public ServiceProcess awaitReady(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> ready = HTTP.send(
                        HttpRequest.newBuilder(managementUrl("/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + within.toSeconds() + " s; see " + log);
    }

    /** A URL on this service. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A URL on this service's management interface ({@code /q/health}, {@code /q/metrics}, ...). */
    public URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** Whether the JVM has ended, and how: empty while it runs. */
    public java.util.Optional<Integer> exitValue() {
        return process == null || process.isAlive()
                ? java.util.Optional.empty()
                : java.util.Optional.of(process.exitValue());
    }

    /** The file the service logs to. */
    public Path log() {
        return log;
    }

    /** The JVM's process id, for reading its resident memory and the like. */
    public long pid() {
        return process.pid();
    }

    /** True while the JVM runs. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends the JVM at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitFor(10);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(15)) {
                kill();
            }
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String launcherLocation() {
        try {
            return Path.of(ParentWatchingLauncher.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
