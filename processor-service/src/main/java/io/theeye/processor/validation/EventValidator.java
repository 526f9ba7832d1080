package io.theeye.processor.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.EventError;
import io.theeye.contract.EventTimestamps;
import io.theeye.contract.RawEnvelope;
import io.theeye.processor.config.ProcessorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies every rule of the contract to one event and reports every error found, each with its
 * code and JSON Pointer. Deterministic for a given record and registry, so a redelivered or
 * replayed copy is judged the same way.
 */
@ApplicationScoped
public class EventValidator {

    static final int MAX_NAME_LENGTH = 255;

    /** Times before this are not believable event times (and keep clear of PostgreSQL's range). */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ObjectMapper mapper;
    private final EventTypeRegistry registry;
    private final Duration futureTolerance;

    EventValidator(ObjectMapper mapper, EventTypeRegistry registry, ProcessorConfig config) {
        this.mapper = mapper;
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
                    record, "the record could not be validated (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ValidationOutcome validateRecord(RawRecord record) {
        RawEnvelope envelope;
        try {
            envelope = record.value() == null ? null : mapper.readValue(record.value(), RawEnvelope.class);
        } catch (Exception e) {
            envelope = null;
        }
        if (envelope == null
                || envelope.eventId() == null
                || envelope.receivedAt() == null
                || envelope.payload() == null) {
            return unreadableRecord(record, "the record at %s is not a raw event envelope");
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
        findNul(event, "", errors);
        // Text with NUL cannot be stored in PostgreSQL at all: such an event is judged on that alone.
        boolean storableText = errors.isEmpty();
        UUID session = uuid(event, "session_id", errors);
        String category = storableText ? shortText(event, "category", errors) : null;
        String name = storableText ? shortText(event, "name", errors) : null;
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
        if (correctedAt != null && correctedAt.isBefore(EARLIEST)) {
            errors.add(new EventError(
                    ErrorCode.INVALID_TIMESTAMP, "/sent_at", "sent_at and timestamp imply an event time before 1970"));
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
                if (data != null && data.isObject()) {
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

    private InvalidEvent invalid(
            RawEnvelope envelope,
            String category,
            String name,
            List<EventError> errors,
            Instant occurredAt,
            int partition,
            long offset) {
        // PostgreSQL's jsonb cannot hold \u0000: such a payload is kept as text instead.
        boolean storable = errors.stream().noneMatch(e -> e.message().startsWith(NUL_MESSAGE));
        return new InvalidEvent(
                envelope.eventId(),
                envelope.applicationId(),
                envelope.receivedAt(),
                storable ? envelope.payload() : null,
                storable ? null : envelope.payload().toString(),
                category,
                name,
                List.copyOf(errors),
                occurredAt,
                partition,
                offset);
    }

    /**
     * A record that is not even an envelope has no event id of its own: one is derived from its
     * topic position, so every redelivery of it maps to the same invalid row.
     */
    private static InvalidEvent unreadableRecord(RawRecord record, String reason) {
        String position = record.topic() + "/" + record.partition() + "/" + record.offset();
        return new InvalidEvent(
                UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)),
                null,
                null,
                null,
                record.value() == null ? "" : record.value().replace("\u0000", "\\u0000"),
                null,
                null,
                List.of(new EventError(
                        ErrorCode.MALFORMED, "", "the record at " + position + " is not a raw event envelope")),
                null,
                record.partition(),
                record.offset());
    }

    private static final String NUL_MESSAGE = "NUL characters";

    private static void findNul(JsonNode node, String path, List<EventError> errors) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            errors.add(
                    new EventError(ErrorCode.INVALID_FIELD, path, NUL_MESSAGE + " (\\u0000) are not allowed in text"));
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (field.getKey().indexOf('\u0000') >= 0) {
                    errors.add(new EventError(
                            ErrorCode.INVALID_FIELD, child, NUL_MESSAGE + " (\\u0000) are not allowed in names"));
                }
                findNul(field.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNul(node.get(i), path + "/" + i, errors);
            }
        }
    }

    private static UUID uuid(JsonNode event, String field, List<EventError> errors) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            errors.add(missing(field));
            return null;
        }
        if (value.isTextual() && value.textValue().length() == 36) {
            try {
                return UUID.fromString(value.textValue());
            } catch (IllegalArgumentException notAUuid) {
                // reported below
            }
        }
        errors.add(new EventError(ErrorCode.INVALID_FIELD, "/" + field, field + " must be a UUID string"));
        return null;
    }

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
        return value.textValue();
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
