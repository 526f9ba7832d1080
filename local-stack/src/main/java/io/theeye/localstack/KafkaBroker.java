package io.theeye.localstack;

import io.theeye.localstack.kafka.ParentWatchingLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A real Apache Kafka broker (KRaft, one combined node) in a JVM of its own. */
final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String bootstrapServers;

    private KafkaBroker(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats storage if it is new, starts the broker and waits until it answers. */
    static KafkaBroker start(Path dataDirectory, int port, int controllerPort) {
        try {
            Path home = dataDirectory.resolve("kafka");
            Path logDirs = home.resolve("data");
            Files.createDirectories(logDirs);
            Path properties = home.resolve("server.properties");
            Files.writeString(properties, serverProperties(port, controllerPort, logDirs));
            Path log4j = home.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J2);
            Path log = home.resolve("broker.log");

            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                format(properties, log4j, log);
            }
            List<String> command = java(log4j);
            command.add(ParentWatchingLauncher.class.getName());
            command.add(Long.toString(ProcessHandle.current().pid()));
            command.add("kafka.Kafka");
            command.add(properties.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            String bootstrap = "127.0.0.1:" + port;
            KafkaBroker broker = new KafkaBroker(process, bootstrap);
            broker.awaitReady(log);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
    }

    long pid() {
        return process.pid();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    private static void format(Path properties, Path log4j, Path log) throws IOException {
        List<String> command = java(log4j);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c", properties.toString()));
        Process format = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    /** Kafka cluster ids are 16 random bytes in URL-safe base64; Kafka avoids a leading dash. */
    private static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        close();
                        throw new IllegalStateException(
                                "Kafka not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + log);
                    }
                    sleep(200);
                }
            }
        }
    }

    private static List<String> java(Path log4j) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri()));
        command.add("-cp");
        command.add(brokerClasspath());
        return command;
    }

    /** The launcher's own location plus the jars resolved when kafka-runtime was built. */
    private static String brokerClasspath() throws IOException {
        try (InputStream in = ParentWatchingLauncher.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath missing: build local-stack/kafka-runtime first");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path launcher = Path.of(ParentWatchingLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return launcher + java.io.File.pathSeparator + jars;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serverProperties(int port, int controllerPort, Path logDirs) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs,
                // Topics are created explicitly with their partition counts, never by accident.
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static final String LOG4J2 = String.join(
            "\n",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.out.ref = out",
            "logger.server.name = kafka.server.KafkaRaftServer",
            "logger.server.level = info",
            "");

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
