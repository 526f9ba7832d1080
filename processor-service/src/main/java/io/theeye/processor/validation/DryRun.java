package io.theeye.processor.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.theeye.contract.EventError;
import io.theeye.contract.RawEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Validates events as the pipeline would, as if received now, and stores nothing. */
@ApplicationScoped
public class DryRun {

    /** Results, one per event in request order. */
    public record DryRunResult(
            @JsonProperty("valid") int valid,
            @JsonProperty("invalid") int invalid,
            @JsonProperty("results") List<EventResult> results) {}

    /** One event's verdict. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventResult(
            @JsonProperty("index") int index,
            @JsonProperty("valid") boolean valid,
            @JsonProperty("schema_version") Integer schemaVersion,
            @JsonProperty("errors") List<EventError> errors) {}

    private final EventValidator validator;
    private final EventTypeRegistry registry;

    DryRun(EventValidator validator, EventTypeRegistry registry) {
        this.validator = validator;
        this.registry = registry;
    }

    /** A single event, or {@code {"events": [...]}}. */
    public DryRunResult validate(JsonNode body) {
        if (!registry.isReady()) {
            // Judged against an empty registry every event would be an unknown type: say so instead.
            throw new io.theeye.service.problem.ProblemException(
                    io.theeye.contract.Problem.of(
                            503, "unavailable", "Not ready", "the event types have not been loaded yet; retry shortly"),
                    java.time.Duration.ofSeconds(5));
        }
        List<JsonNode> events = new ArrayList<>();
        if (body != null
                && body.isObject()
                && body.has("events")
                && body.get("events").isArray()) {
            body.get("events").forEach(events::add);
        } else {
            events.add(body);
        }
        List<EventResult> results = new ArrayList<>(events.size());
        int valid = 0;
        Instant now = Instant.now();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event =
                    events.get(i) == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : events.get(i);
            ValidationOutcome outcome =
                    validator.validate(new RawEnvelope(UUID.randomUUID(), null, now, event), -1, -1);
            if (outcome instanceof ValidEvent ok) {
                valid++;
                results.add(new EventResult(i, true, ok.schemaVersion(), List.of()));
            } else if (outcome instanceof InvalidEvent bad) {
                results.add(new EventResult(i, false, null, bad.errors()));
            }
        }
        return new DryRunResult(valid, events.size() - valid, results);
    }
}
