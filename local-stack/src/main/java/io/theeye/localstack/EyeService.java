package io.theeye.localstack;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three services and the identities each one gets from the stack: its own PostgreSQL login
 * role and its own Kafka SCRAM user. The names match the services' application.properties
 * defaults, the V7 migration's grants and the Kubernetes overlays.
 */
public enum EyeService {
    INGEST("ingest-service", "eye_ingest", "eye-ingest"),
    PROCESSOR("processor-service", "eye_processor", "eye-processor"),
    QUERY("query-service", "eye_query", "eye-query");

    private final String serviceName;
    private final String databaseRole;
    private final String kafkaUser;

    EyeService(String serviceName, String databaseRole, String kafkaUser) {
        this.serviceName = serviceName;
        this.databaseRole = databaseRole;
        this.kafkaUser = kafkaUser;
    }

    /** The module and process name, e.g. {@code ingest-service}. */
    public String serviceName() {
        return serviceName;
    }

    /** The PostgreSQL login role the service connects as. */
    public String databaseRole() {
        return databaseRole;
    }

    /** The Kafka SCRAM user the service authenticates as (query-service's only reads, for the live view). */
    public Optional<String> kafkaUser() {
        return Optional.ofNullable(kafkaUser);
    }

    /** The service called {@code name} ({@code ingest-service}, ...). */
    public static EyeService named(String name) {
        return Arrays.stream(values())
                .filter(service -> service.serviceName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + name));
    }
}
