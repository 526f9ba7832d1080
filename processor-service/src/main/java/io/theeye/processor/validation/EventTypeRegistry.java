package io.theeye.processor.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.EventSchemas;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The registered event types and their newest active JSON Schema, compiled and cached. Reloaded
 * in the background, so a new schema version applies without a restart.
 */
@ApplicationScoped
public class EventTypeRegistry {

    private static final Logger LOG = Logger.getLogger(EventTypeRegistry.class);

    /**
     * One registered type at its newest active version.
     *
     * @param version the schema version events are validated against and stored with
     * @param schema the compiled JSON Schema for the event's data
     */
    public record EventType(String category, String name, int version, Schema schema) {}

    private record TypeKey(String category, String name) {}

    private record Loaded(Map<TypeKey, EventType> types, Map<TypeKey, String> sources) {}

    private final Pool pool;
    private final ObjectMapper mapper;
    private final SchemaRegistry schemas;
    private volatile Loaded loaded = new Loaded(Map.of(), Map.of());
    private volatile boolean ready;

    EventTypeRegistry(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
        this.schemas = EventSchemas.compiler();
    }

    /** The type's newest active version, if registered. */
    public Optional<EventType> find(String category, String name) {
        return Optional.ofNullable(loaded.types().get(new TypeKey(category, name)));
    }

    /** True once the registry was loaded at least once. */
    public boolean isReady() {
        return ready;
    }

    /** Reloads the registry; a schema that does not compile keeps its previous version in force. */
    @Scheduled(
            every = "${eye.processor.registry.refresh-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> refresh() {
        return pool.query("SELECT DISTINCT ON (category, name) category, name, version, schema::text AS schema "
                        + "FROM event_types WHERE status = 'active' ORDER BY category, name, version DESC")
                .execute()
                .invoke(rows -> {
                    Loaded previous = loaded;
                    Map<TypeKey, EventType> types = new HashMap<>();
                    Map<TypeKey, String> sources = new HashMap<>();
                    for (Row row : rows) {
                        TypeKey key = new TypeKey(row.getString("category"), row.getString("name"));
                        String source = row.getString("schema") + "#" + row.getInteger("version");
                        if (source.equals(previous.sources().get(key))) {
                            types.put(key, previous.types().get(key));
                            sources.put(key, source);
                            continue;
                        }
                        compile(key, row)
                                .ifPresentOrElse(
                                        type -> {
                                            types.put(key, type);
                                            sources.put(key, source);
                                        },
                                        () -> {
                                            if (previous.types().containsKey(key)) {
                                                types.put(key, previous.types().get(key));
                                                sources.put(
                                                        key, previous.sources().get(key));
                                            }
                                        });
                    }
                    loaded = new Loaded(Map.copyOf(types), Map.copyOf(sources));
                    ready = true;
                })
                .onFailure()
                .invoke(failure -> LOG.debugf("event types not reloaded: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Optional<EventType> compile(TypeKey key, Row row) {
        try {
            Schema schema = schemas.getSchema(mapper.readTree(row.getString("schema")));
            schema.initializeValidators();
            return Optional.of(new EventType(key.category(), key.name(), row.getInteger("version"), schema));
        } catch (Exception e) {
            LOG.errorf(
                    "schema of %s/%s v%d does not compile, keeping the previous one: %s",
                    key.category(), key.name(), row.getInteger("version"), e.getMessage());
            return Optional.empty();
        }
    }
}
