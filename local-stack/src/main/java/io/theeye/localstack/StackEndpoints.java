package io.theeye.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a running stack can be reached, with whose credentials, and the service settings that
 * point at it. {@link #username()} and {@link #password()} are the schema owner's, for migrations
 * and test fixtures; each service gets its own role and Kafka user ({@link #environment(EyeService)}).
 *
 * @param kafkaBootstrapServers the broker's bootstrap address (SASL_PLAINTEXT)
 * @param postgresHost PostgreSQL's host
 * @param postgresPort PostgreSQL's port
 * @param database the database holding The Eye's tables
 * @param credentials the stack's passwords
 */
public record StackEndpoints(
        String kafkaBootstrapServers,
        String postgresHost,
        int postgresPort,
        String database,
        StackCredentials credentials) {

    /** The schema owner, which only migrations and test fixtures connect as. */
    public String username() {
        return StackCredentials.MIGRATION_ROLE;
    }

    /** The schema owner's password. */
    public String password() {
        return credentials.migrationPassword();
    }

    /** The JDBC URL, for Flyway and tools. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /** The URL the reactive PostgreSQL client takes. */
    public String reactiveUrl() {
        return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /** Kafka client settings of the broker's operator (a super user), for tests and tools. */
    public Map<String, Object> kafkaOperatorConfig() {
        return KafkaClientConfig.operator(kafkaBootstrapServers, credentials.kafkaOperatorPassword());
    }

    /** Kafka client settings of a service's own user, for tests that act as that service. */
    public Map<String, Object> kafkaClientConfig(EyeService service) {
        String user = service.kafkaUser()
                .orElseThrow(() -> new IllegalArgumentException(service.serviceName() + " has no Kafka user"));
        return KafkaClientConfig.scram(kafkaBootstrapServers, user, credentials.kafkaPassword(user));
    }

    /** Quarkus configuration that points a service at this stack, with that service's credentials. */
    public Map<String, String> quarkusConfig(EyeService service) {
        Map<String, String> config = new LinkedHashMap<>();
        environment(service).forEach((name, value) -> config.put(PROPERTY_NAMES.getOrDefault(name, name), value));
        return config;
    }

    /** The same settings as environment variables, for services started as processes. */
    public Map<String, String> environment(EyeService service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        service.kafkaUser().ifPresent(user -> {
            env.put("EYE_KAFKA_USERNAME", user);
            env.put("EYE_KAFKA_PASSWORD", credentials.kafkaPassword(user));
        });
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", service.databaseRole());
        env.put("QUARKUS_DATASOURCE_PASSWORD", credentials.databasePassword(service.databaseRole()));
        if (service == EyeService.PROCESSOR) {
            // Only the processor migrates, and only its migration connects as the schema owner.
            env.put("QUARKUS_FLYWAY_USERNAME", username());
            env.put("QUARKUS_FLYWAY_PASSWORD", password());
        }
        return env;
    }

    private static final Map<String, String> PROPERTY_NAMES = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers",
            "EYE_KAFKA_USERNAME", "eye.kafka.username",
            "EYE_KAFKA_PASSWORD", "eye.kafka.password",
            "QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.reactive.url",
            "QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url",
            "QUARKUS_DATASOURCE_USERNAME", "quarkus.datasource.username",
            "QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.password",
            "QUARKUS_FLYWAY_USERNAME", "quarkus.flyway.username",
            "QUARKUS_FLYWAY_PASSWORD", "quarkus.flyway.password");
}
