package io.theeye.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import io.theeye.contract.EventSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a submitted schema can serve as an event type's schema: a JSON Schema (draft
 * 2020-12) valid against its meta-schema, for an object, that compiles the way the processor
 * compiles it ({@link EventSchemas#compiler()}: nothing is fetched from the network).
 */
@ApplicationScoped
public class SchemaChecker {

    /** Larger schemas are refused: the processor compiles and caches every one. */
    static final int MAX_LENGTH = 65_536;

    private final SchemaRegistry compiler;
    private final Schema metaSchema;

    SchemaChecker() {
        this.compiler = EventSchemas.compiler();
        this.metaSchema = compiler.getSchema(SchemaLocation.of(EventSchemas.DIALECT));
        this.metaSchema.initializeValidators();
    }

    /** Every reason the schema cannot be registered; empty when it can. */
    public List<SchemaProblem> problems(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return List.of(new SchemaProblem("", "must be a JSON object: a JSON Schema for the event's data"));
        }
        if (schema.toString().length() > MAX_LENGTH) {
            return List.of(new SchemaProblem("", "must be at most " + MAX_LENGTH + " characters as JSON"));
        }
        List<SchemaProblem> problems = new ArrayList<>();
        JsonNode dialect = schema.get("$schema");
        if (dialect != null
                && !(EventSchemas.DIALECT.equals(dialect.asText())
                        || (EventSchemas.DIALECT + "#").equals(dialect.asText()))) {
            problems.add(
                    new SchemaProblem("/$schema", "must be " + EventSchemas.DIALECT + " when given (draft 2020-12)"));
        }
        for (Error error : metaSchema.validate(schema)) {
            problems.add(new SchemaProblem(error.getInstanceLocation().toString(), error.getMessage()));
        }
        if (!"object".equals(schema.path("type").asText(null))) {
            problems.add(new SchemaProblem("/type", "must be \"object\": an event's data is a JSON object"));
        }
        if (problems.isEmpty()) {
            try {
                compiler.getSchema(schema).initializeValidators();
            } catch (RuntimeException e) {
                Throwable root = rootCause(e);
                problems.add(new SchemaProblem(
                        "",
                        root instanceof IOException
                                ? "a reference cannot be resolved (remote schemas are never fetched): "
                                        + root.getMessage()
                                : "does not compile: " + root.getMessage()));
            }
        }
        return problems;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
