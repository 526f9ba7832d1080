package io.theeye.contract;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

/**
 * How an event type's JSON Schema is compiled, by the processor that validates with it and by the
 * admin API that accepts it: one configuration, so a schema accepted by one compiles in the other.
 */
public final class EventSchemas {

    /** The one dialect the registry holds. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private EventSchemas() {}

    /** A compiler for draft 2020-12 that reports JSON Pointers, asserts formats and never fetches anything remote. */
    public static SchemaRegistry compiler() {
        return SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .pathType(PathType.JSON_POINTER)
                                .formatAssertionsEnabled(true)
                                .build())
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }
}
