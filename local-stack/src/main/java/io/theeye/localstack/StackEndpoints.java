package io.theeye.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a running stack can be reached, and the service settings that point at it.
 *
 * @param kafkaBootstrapServers the broker's bootstrap address
 * @param postgresHost PostgreSQL's host
 * @param postgresPort PostgreSQL's port
 * @param database the database holding The Eye's tables
 * @param username the database user
 * @param password the database user's password
 */
public record StackEndpoints(
        String kafkaBootstrapServers,
        String postgresHost,
        int postgresPort,
        String database,
        String username,
        String password) {

    /** The JDBC URL, for Flyway and tools. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /** The URL the reactive PostgreSQL client takes. */
    public String reactiveUrl() {
        return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /** Quarkus configuration that points a service at this stack. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("quarkus.datasource.reactive.url", reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.username", username);
        config.put("quarkus.datasource.password", password);
        return config;
    }

    /** The same settings as environment variables, for services started as processes. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", username);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        return env;
    }
}
