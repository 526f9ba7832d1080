package io.theeye.localstack;

import io.theeye.contract.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Real Kafka and PostgreSQL, started together, with The Eye's topics, database, roles, Kafka users
 * and ACLs in place.
 */
public final class LocalStack implements AutoCloseable {

    /** The valid topic keeps 7 days, as in every deployment: the events table keeps them for good. */
    static final String VALID_RETENTION_MS = Long.toString(Duration.ofDays(7).toMillis());

    private final StackOptions options;
    private PostgresServer postgres;
    private KafkaBroker kafka;

    private LocalStack(StackOptions options, PostgresServer postgres, KafkaBroker kafka) {
        this.options = options;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts PostgreSQL and Kafka, creates the topics, and migrates the schema if asked. */
    public static LocalStack start(StackOptions options) {
        PostgresServer postgres =
                PostgresServer.start(options.dataDirectory(), options.postgresPort(), options.persistent());
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(options.dataDirectory(), options.kafkaPort(), options.kafkaControllerPort());
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        LocalStack stack = new LocalStack(options, postgres, kafka);
        try {
            stack.createTopicsUsersAndAcls();
            if (options.migrate()) {
                SchemaMigrator.migrate(stack.endpoints());
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Where the stack is reached. */
    public StackEndpoints endpoints() {
        return new StackEndpoints(
                "127.0.0.1:" + options.kafkaPort(),
                "127.0.0.1",
                options.postgresPort(),
                PostgresServer.DATABASE,
                StackCredentials.inDirectory(options.dataDirectory()));
    }

    /** The broker's process id, while it runs. */
    public synchronized long kafkaPid() {
        return kafka.pid();
    }

    /** The KRaft controller's port. */
    public int kafkaControllerPort() {
        return options.kafkaControllerPort();
    }

    /** Stops the broker, as a fault test does to see producers and consumers cope. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** Starts the broker again on the same port with the same data. */
    public synchronized void startKafka() {
        if (kafka == null) {
            kafka = KafkaBroker.start(options.dataDirectory(), options.kafkaPort(), options.kafkaControllerPort());
        }
    }

    private void createTopicsUsersAndAcls() {
        List<NewTopic> topics = List.of(
                // The raw topic is the system of record: it is never trimmed by age or size.
                new NewTopic(Topics.RAW, options.rawPartitions(), (short) 1)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new NewTopic(Topics.INVALID, options.invalidPartitions(), (short) 1),
                // Keyed by session like the raw topic, with as many partitions: a session's order holds.
                new NewTopic(Topics.VALID, options.rawPartitions(), (short) 1)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, VALID_RETENTION_MS)));
        try (Admin admin = kafka.operatorAdmin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topics", e.getCause());
                    }
                }
            }
            KafkaAccessControl.apply(admin, StackCredentials.inDirectory(options.dataDirectory()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not list topics", e);
        }
    }

    /** Stops PostgreSQL, as a fault test does to see the services cope without it. */
    public synchronized void stopPostgres() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Starts PostgreSQL again on the same port and data (only a persistent stack keeps its data). */
    public synchronized void startPostgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(options.dataDirectory(), options.postgresPort(), options.persistent());
        }
    }

    @Override
    public synchronized void close() {
        try {
            stopKafka();
        } finally {
            stopPostgres();
        }
    }

    /** Where data lives. */
    public Path dataDirectory() {
        return options.dataDirectory();
    }
}
