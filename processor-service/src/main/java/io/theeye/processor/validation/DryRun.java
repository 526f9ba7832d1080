package io.theeye.processor.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.theeye.contract.EventError;
import io.theeye.contract.Problem;
import io.theeye.contract.RawEnvelope;
import io.theeye.service.intake.BatchItem;
import io.theeye.service.intake.EventBodyReader;
import io.theeye.service.intake.IncomingEvent;
import io.theeye.service.intake.IntakeLimits;
import io.theeye.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates events as the pipeline would, as if received now, and stores nothing: the body is
 * read with ingest's reader and limits, then each event judged by the processor's rules.
 */
@ApplicationScoped
public class DryRun {

    /** Results, one per event in request order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DryRunResult(int valid, int invalid, List<EventResult> results) {}

    /** One event's verdict. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EventResult(int index, boolean valid, Integer schemaVersion, List<EventError> errors) {}

    private final EventValidator validator;
    private final EventTypeRegistry registry;
    private final ObjectMapper mapper;
    private final EventBodyReader reader;

    DryRun(EventValidator validator, EventTypeRegistry registry, ObjectMapper mapper) {
        this.validator = validator;
        this.registry = registry;
        this.mapper = mapper;
        this.reader = new EventBodyReader(mapper, IntakeLimits.DEFAULTS);
    }

    /** A single event, or {@code {"events": [...]}}, at most as large as ingest takes. */
    public DryRunResult validate(byte[] body) {
        if (!registry.isReady()) {
            // Judged against an empty registry every event would be an unknown type: say so instead.
            throw new ProblemException(
                    Problem.of(
                            503, "unavailable", "Not ready", "the event types have not been loaded yet; retry shortly"),
                    Duration.ofSeconds(5));
        }
        List<BatchItem> items = isBatch(body) ? reader.readBatch(body) : List.of(single(body));
        List<EventResult> results = new ArrayList<>(items.size());
        int valid = 0;
        Instant now = Instant.now();
        for (BatchItem item : items) {
            if (item.event() == null) {
                results.add(new EventResult(item.index(), false, null, List.of(item.rejection())));
                continue;
            }
            ValidationOutcome outcome = validator.validate(envelope(item.event(), now), -1, -1);
            if (outcome instanceof ValidEvent ok) {
                valid++;
                results.add(new EventResult(item.index(), true, ok.schemaVersion(), List.of()));
            } else if (outcome instanceof InvalidEvent bad) {
                results.add(new EventResult(item.index(), false, null, bad.errors()));
            }
        }
        return new DryRunResult(valid, items.size() - valid, results);
    }

    private BatchItem single(byte[] body) {
        return new BatchItem(0, reader.readSingle(body), null);
    }

    /** A batch is an object whose "events" is an array; anything else is read as one event. */
    private boolean isBatch(byte[] body) {
        if (body.length > IntakeLimits.DEFAULTS.maxRequestBytes()) {
            return true;
        }
        try {
            JsonNode tree = mapper.readTree(body);
            return tree != null && tree.isObject() && tree.path("events").isArray();
        } catch (IOException notJson) {
            return false;
        }
    }

    private RawEnvelope envelope(IncomingEvent event, Instant now) {
        try {
            return new RawEnvelope(event.eventId(), null, now, mapper.readTree(event.rawJson()));
        } catch (IOException e) {
            throw new IllegalStateException("the reader has already parsed this event", e);
        }
    }
}
