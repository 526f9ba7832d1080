package io.theeye.query.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.Problem;
import io.theeye.contract.StoredTimes;
import io.theeye.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event-type registry: lists types, shows one, and adds schema versions after checking the
 * schema and its compatibility with the current version. Versions are never changed or removed;
 * the processor validates against the newest active version within its refresh interval.
 */
@ApplicationScoped
public class EventTypeAdminService {

    private final EventTypeRepository versions;
    private final SchemaChecker checker;
    private final ObjectMapper mapper;

    EventTypeAdminService(EventTypeRepository versions, SchemaChecker checker, ObjectMapper mapper) {
        this.versions = versions;
        this.checker = checker;
        this.mapper = mapper;
    }

    /** Every type with its versions (without schemas), by category and name. */
    @WithSession
    public Uni<List<EventTypeView>> list() {
        return versions.everyVersion().map(all -> {
            Map<List<String>, List<EventTypeVersion>> byType = new LinkedHashMap<>();
            for (EventTypeVersion version : all) {
                byType.computeIfAbsent(List.of(version.getCategory(), version.getName()), k -> new ArrayList<>())
                        .add(version);
            }
            return byType.values().stream()
                    .map(newestFirst -> EventTypeView.of(newestFirst, false))
                    .toList();
        });
    }

    /** One type with every version and its schema. */
    @WithSession
    public Uni<EventTypeView> show(String category, String name) {
        return versions.versionsOf(category, name).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("no event type '" + category + "' / '" + name + "'");
            }
            return EventTypeView.of(found, true);
        });
    }

    /**
     * Adds a version (the first one of a new type, or the next one). A schema that is not a valid
     * JSON Schema is refused (400); one that could refuse events the current version accepts is
     * refused (409) unless forced, and the answer lists why. The same schema as the current
     * version registers nothing and answers that version.
     */
    @WithTransaction
    public Uni<SchemaRegistration> register(String category, String name, JsonNode schema, boolean force) {
        List<SchemaProblem> problems = checker.problems(schema);
        if (!problems.isEmpty()) {
            return Uni.createFrom()
                    .failure(new ProblemException(Problem.of(
                                    400,
                                    "invalid_schema",
                                    "Invalid schema",
                                    "schema: not a usable JSON Schema (draft 2020-12) for event data; see errors")
                            .withErrors(problems)));
        }
        return versions.versionsOf(category, name).chain(existing -> {
            EventTypeVersion current = existing.stream()
                    .filter(EventTypeVersion::isActive)
                    .findFirst()
                    .orElse(existing.isEmpty() ? null : existing.get(0));
            List<Incompatibility> breaking = List.of();
            if (current != null) {
                JsonNode currentSchema = parse(current.getSchema());
                if (currentSchema.equals(schema) && current.isActive()) {
                    return Uni.createFrom().item(registration(current, false, current.getVersion(), false, List.of()));
                }
                breaking = SchemaCompatibility.breakingChanges(currentSchema, schema);
                if (!breaking.isEmpty() && !force) {
                    throw new ProblemException(Problem.of(
                                    409,
                                    "incompatible_schema",
                                    "Incompatible schema",
                                    "schema: could refuse events that version " + current.getVersion()
                                            + " accepts (" + breaking.size() + " reasons in errors); "
                                            + "fix it, or register it anyway with force=true")
                            .withErrors(breaking));
                }
            }
            int next = existing.isEmpty() ? 1 : existing.get(0).getVersion() + 1;
            EventTypeVersion added = new EventTypeVersion(category, name, next, schema.toString(), StoredTimes.now());
            Integer comparedWith = current == null ? null : current.getVersion();
            List<Incompatibility> forcedPast = breaking;
            return versions.persist(added)
                    .map(stored -> registration(stored, true, comparedWith, !forcedPast.isEmpty(), forcedPast));
        });
    }

    private static SchemaRegistration registration(
            EventTypeVersion version,
            boolean created,
            Integer comparedWith,
            boolean forced,
            List<Incompatibility> incompatibilities) {
        return new SchemaRegistration(
                version.getCategory(),
                version.getName(),
                version.getVersion(),
                version.getStatus(),
                version.getCreatedAt(),
                created,
                created ? comparedWith : null,
                forced,
                incompatibilities.isEmpty() ? null : incompatibilities,
                version.getSchema());
    }

    private JsonNode parse(String schema) {
        try {
            return mapper.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored schema is not JSON", e);
        }
    }
}
