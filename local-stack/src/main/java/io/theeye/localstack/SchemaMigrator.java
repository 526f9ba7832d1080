package io.theeye.localstack;

import org.flywaydb.core.Flyway;

/**
 * Applies the schema module's migrations, for test stacks of services that do not own them.
 * In production processor-service applies the same migrations at start.
 */
public final class SchemaMigrator {

    private SchemaMigrator() {}

    /** Brings the database to the newest schema version. */
    public static void migrate(StackEndpoints endpoints) {
        Flyway.configure()
                .dataSource(endpoints.jdbcUrl(), endpoints.username(), endpoints.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
