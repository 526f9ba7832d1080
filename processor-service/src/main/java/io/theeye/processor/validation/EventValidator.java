package io.theeye.processor.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.networknt.schema.Error;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.EventError;
import io.theeye.contract.EventTimestamps;
import io.theeye.contract.RawEnvelope;
import io.theeye.contract.StorableText;
import io.theeye.contract.Uuids;
import io.theeye.processor.config.ProcessorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies every rule of the contract to one event and reports every error found, each with its
 * code and JSON Pointer. Whatever it accepts can be stored: text PostgreSQL refuses, numbers it
 * cannot hold and nesting past our limit are errors here, not failures of the database later.
 * Deterministic for a given record and registry, so a redelivered or replayed copy is judged the
 * same way.
 */
@ApplicationScoped
public class EventValidator {

    static final int MAX_NAME_LENGTH = 255;

    /** Times outside this range are not believable event times (and keep clear of PostgreSQL's range). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ObjectMapper mapper;
    private final ObjectWriter asciiWriter;
    private final EventTypeRegistry registry;
    private final Duration futureTolerance;

    EventValidator(ObjectMapper mapper, EventTypeRegistry registry, ProcessorConfig config) {
        this.mapper = mapper;
        this.asciiWriter = mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
        this.registry = registry;
        this.futureTolerance = config.futureTolerance();
    }

    /**
     * Validates a raw-topic record: its envelope, then the event inside it. Never throws: a record
     * that breaks validation itself is recorded as malformed rather than blocking its partition.
     */
    public ValidationOutcome validate(RawRecord record) {
        try {
            return validateRecord(record);
        } catch (RuntimeException | StackOverflowError e) {
            return unreadableRecord(
                    record, "it could not be validated (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ValidationOutcome validateRecord(RawRecord record) {
        if (record.value() == null) {
            return unreadableRecord(record, "it has no value");
        }
        RawEnvelope envelope;
        try {
            envelope = mapper.readValue(record.value(), RawEnvelope.class);
        } catch (JsonProcessingException e) {
            return unreadableRecord(record, "it is not a raw event envelope (" + e.getOriginalMessage() + ")");
        }
        // Written by something other than ingest, a record may lack what the processor relies on.
        String missing = envelope == null
                ? "an envelope"
                : envelope.eventId() == null
                        ? "event_id"
                        : envelope.applicationId() == null
                                ? "application_id"
                                : envelope.receivedAt() == null
                                        ? "received_at"
                                        : envelope.payload() == null ? "payload" : null;
        if (missing != null) {
            return unreadableRecord(record, "it is not a raw event envelope: " + missing + " is missing");
        }
        if (envelope.receivedAt().isBefore(EARLIEST) || envelope.receivedAt().isAfter(LATEST)) {
            return unreadableRecord(
                    record, "its received_at " + envelope.receivedAt() + " is not between 1970 and 9999");
        }
        return validate(envelope, record.partition(), record.offset());
    }

    /** Validates an event in its envelope; partition and offset give its arrival order. */
    public ValidationOutcome validate(RawEnvelope envelope, int partition, long offset) {
        JsonNode event = envelope.payload();
        List<EventError> errors = new ArrayList<>();
        if (!event.isObject()) {
            errors.add(new EventError(ErrorCode.MALFORMED, "", "the event must be a JSON object"));
            return invalid(envelope, null, null, errors, null, partition, offset);
        }
        List<EventError> unstorable = StorableJson.problems(event, "");
        errors.addAll(unstorable);
        UUID session = uuid(event, "session_id", errors);
        String category = shortText(event, "category", errors);
        String name = shortText(event, "name", errors);
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            errors.add(missing("data"));
        } else if (!data.isObject()) {
            errors.add(new EventError(ErrorCode.INVALID_FIELD, "/data", "data must be a JSON object"));
        }
        Instant occurredAt = time(event, "timestamp", true, errors);
        Instant sentAt = time(event, "sent_at", false, errors);
        Instant correctedAt = occurredAt != null && sentAt != null
                ? envelope.receivedAt().minus(Duration.between(occurredAt, sentAt))
                : null;
        if (correctedAt != null && (correctedAt.isBefore(EARLIEST) || correctedAt.isAfter(LATEST))) {
            errors.add(new EventError(
                    ErrorCode.INVALID_TIMESTAMP,
                    "/sent_at",
                    "sent_at and timestamp imply an event time outside 1970 to 9999"));
            correctedAt = null;
        }
        Instant checked = correctedAt != null ? correctedAt : occurredAt;
        if (checked != null && checked.isAfter(envelope.receivedAt().plus(futureTolerance))) {
            errors.add(new EventError(
                    ErrorCode.FUTURE_TIMESTAMP,
                    "/timestamp",
                    "the event's time " + checked + " is more than " + futureTolerance.toMinutes()
                            + " minutes after it was received (" + envelope.receivedAt() + ")"));
        }
        int schemaVersion = 0;
        if (category != null && name != null) {
            var type = registry.find(category, name);
            if (type.isEmpty()) {
                errors.add(new EventError(
                        ErrorCode.UNKNOWN_EVENT_TYPE,
                        "",
                        "no event type is registered for category '" + category + "' and name '" + name + "'"));
            } else {
                schemaVersion = type.get().version();
                // A tree we could not store is not handed to the schema validator either.
                if (data != null && data.isObject() && unstorable.isEmpty()) {
                    for (Error error : type.get().schema().validate(data)) {
                        errors.add(new EventError(
                                ErrorCode.SCHEMA_VIOLATION,
                                "/data" + error.getInstanceLocation().toString(),
                                error.getMessage()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return invalid(envelope, category, name, errors, occurredAt, partition, offset);
        }
        return new ValidEvent(
                envelope.eventId(),
                envelope.applicationId(),
                session,
                category,
                name,
                data.toString(),
                occurredAt,
                correctedAt,
                envelope.receivedAt(),
                partition,
                offset,
                schemaVersion);
    }

    /** Text that always stores and reads back as the same JSON: non-ASCII written as escapes. */
    public String storableText(JsonNode json) {
        try {
            return asciiWriter.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree can always be written", e);
        }
    }

    /**
     * The event's text from its raw record, written so that it can always be stored: the payload
     * when the record is an envelope, else the whole record.
     */
    public String storablePayloadText(RawRecord record) {
        try {
            JsonNode payload = mapper.readTree(record.value()).get("payload");
            if (payload != null) {
                return storableText(payload);
            }
        } catch (JsonProcessingException | RuntimeException notAnEnvelope) {
            // kept as the record's own text below
        }
        return record.value() == null ? "" : StorableText.escape(record.value());
    }

    /** A valid event the database refused, as an invalid one carrying the refusal. */
    public InvalidEvent asUnstorable(RawRecord record, ValidationOutcome outcome, List<EventError> errors) {
        ValidEvent event = (ValidEvent) outcome;
        return new InvalidEvent(
                event.eventId(),
                event.applicationId(),
                event.receivedAt(),
                null,
                storablePayloadText(record),
                event.category(),
                event.name(),
                errors,
                event.occurredAt(),
                event.kafkaPartition(),
                event.kafkaOffset());
    }

    private InvalidEvent invalid(
            RawEnvelope envelope,
            String category,
            String name,
            List<EventError> errors,
            Instant occurredAt,
            int partition,
            long offset) {
        JsonNode payload = envelope.payload();
        boolean storable = StorableJson.isStorable(payload);
        return new InvalidEvent(
                envelope.eventId(),
                envelope.applicationId(),
                envelope.receivedAt(),
                storable ? payload : null,
                storable ? null : storableText(payload),
                category,
                name,
                List.copyOf(errors),
                occurredAt,
                partition,
                offset);
    }

    /**
     * A record that is not even an envelope has no event id or application of its own: the id is
     * derived from its topic position, so every redelivery of it maps to the same invalid row.
     */
    static InvalidEvent unreadableRecord(RawRecord record, String reason) {
        String position = record.topic() + "/" + record.partition() + "/" + record.offset();
        return new InvalidEvent(
                UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)),
                null,
                null,
                null,
                record.value() == null ? "" : StorableText.escape(record.value()),
                null,
                null,
                List.of(new EventError(
                        ErrorCode.MALFORMED, "", "the record at " + position + " is unreadable: " + reason)),
                null,
                record.partition(),
                record.offset());
    }

    private static UUID uuid(JsonNode event, String field, List<EventError> errors) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            errors.add(missing(field));
            return null;
        }
        Optional<UUID> uuid = value.isTextual() ? Uuids.parse(value.textValue()) : Optional.empty();
        if (uuid.isPresent()) {
            return uuid.get();
        }
        errors.add(new EventError(ErrorCode.INVALID_FIELD, "/" + field, field + " must be a UUID string"));
        return null;
    }

    /** A category or name: non-empty, bounded and storable (its storability is reported once, above). */
    private static String shortText(JsonNode event, String field, List<EventError> errors) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            errors.add(missing(field));
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            errors.add(new EventError(ErrorCode.INVALID_FIELD, "/" + field, field + " must be a non-empty string"));
            return null;
        }
        if (value.textValue().length() > MAX_NAME_LENGTH) {
            errors.add(new EventError(
                    ErrorCode.INVALID_FIELD,
                    "/" + field,
                    field + " may be at most " + MAX_NAME_LENGTH + " characters"));
            return null;
        }
        return StorableText.isStorable(value.textValue()) ? value.textValue() : null;
    }

    private static Instant time(JsonNode event, String field, boolean required, List<EventError> errors) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(missing(field));
            }
            return null;
        }
        Instant time =
                value.isTextual() ? EventTimestamps.parse(value.textValue()).orElse(null) : null;
        if (time == null) {
            errors.add(new EventError(
                    ErrorCode.INVALID_TIMESTAMP,
                    "/" + field,
                    field + " must be 'yyyy-MM-dd HH:mm:ss[.fraction]' (UTC) or ISO-8601 with Z or an offset"));
            return null;
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            errors.add(new EventError(
                    ErrorCode.INVALID_TIMESTAMP, "/" + field, field + " must lie between 1970 and 9999"));
            return null;
        }
        return time;
    }

    private static EventError missing(String field) {
        return new EventError(ErrorCode.MISSING_FIELD, "/" + field, field + " is required");
    }
}
