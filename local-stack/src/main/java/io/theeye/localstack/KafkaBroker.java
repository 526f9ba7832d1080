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

/**
 * A real Apache Kafka broker (KRaft, one combined node) in a JVM of its own, secured as production
 * is: clients authenticate (SASL, SCRAM-SHA-512 for the services) and the standard authorizer
 * denies whatever no ACL allows. The operator is a super user known to the broker's own JAAS
 * configuration (PLAIN), which also authenticates the broker to its controller.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String bootstrapServers;
    private final String operatorPassword;

    private KafkaBroker(Process process, String bootstrapServers, String operatorPassword) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.operatorPassword = operatorPassword;
    }

    /** Formats storage if it is new, starts the broker and waits until it answers. */
    static KafkaBroker start(Path dataDirectory, int port, int controllerPort) {
        try {
            Path home = dataDirectory.resolve("kafka");
            Path logDirs = home.resolve("data");
            Files.createDirectories(logDirs);
            Path properties = home.resolve("server.properties");
            String operatorPassword =
                    StackCredentials.inDirectory(dataDirectory).kafkaOperatorPassword();
            Files.writeString(properties, serverProperties(port, controllerPort, logDirs, operatorPassword));
            restrictToOwner(properties);
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
            KafkaBroker broker = new KafkaBroker(process, bootstrap, operatorPassword);
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

    /** An admin client acting as the operator. */
    Admin operatorAdmin() {
        Map<String, Object> config =
                new java.util.HashMap<>(KafkaClientConfig.operator(bootstrapServers, operatorPassword));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
        return Admin.create(config);
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
        Map<String, Object> config =
                new java.util.HashMap<>(KafkaClientConfig.operator(bootstrapServers, operatorPassword));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
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

    private static String serverProperties(int port, int controllerPort, Path logDirs, String operatorPassword) {
        String operatorLogin = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + StackCredentials.KAFKA_OPERATOR + "\" password=\"" + operatorPassword + "\" user_"
                + StackCredentials.KAFKA_OPERATOR + "=\"" + operatorPassword + "\";";
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=CLIENT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENT",
                // Every listener authenticates: there is no way in without credentials.
                "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                // The services' users are SCRAM credentials kept in the cluster metadata; the
                // operator is PLAIN, from this file, so it works before any SCRAM user exists.
                "listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN",
                "listener.name.client.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.client.plain.sasl.jaas.config=" + operatorLogin,
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                // KRaft controllers cannot read SCRAM credentials from the metadata they serve.
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=" + operatorLogin,
                "sasl.mechanism.controller.protocol=PLAIN",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + StackCredentials.KAFKA_OPERATOR,
                "allow.everyone.if.no.acl.found=false",
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

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the data directory's own permissions apply.
        }
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
