package io.theeye.service.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import io.theeye.contract.ErrorCode;
import io.theeye.contract.EventError;
import io.theeye.contract.Problem;
import io.theeye.contract.Uuids;
import io.theeye.service.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads request bodies into events, as ingest does and the processor's dry run repeats. Lenient
 * about content (the processor validates it), strict about what ingest itself relies on:
 * well-formed JSON, objects, sizes and the event id. Each event keeps the exact bytes it was sent
 * with.
 */
public final class EventBodyReader {

    private static final TimeBasedEpochGenerator UUID_V7 = Generators.timeBasedEpochGenerator();

    private final ObjectMapper mapper;
    private final IntakeLimits limits;

    /** Reads with Jackson's default limits (nesting, number length), whatever the service's mapper allows. */
    public EventBodyReader(ObjectMapper mapper, IntakeLimits limits) {
        this.mapper = mapper.copy();
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.defaults());
        this.limits = limits;
    }

    /** A single-event body. */
    public IncomingEvent readSingle(byte[] body) {
        checkRequestSize(body);
        if (body.length > limits.maxEventBytes()) {
            throw ProblemException.tooLarge(
                    "an event may be at most " + limits.maxEventBytes() + " bytes; this one is " + body.length);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ProblemException.malformed("the body is empty; expected one event as a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw ProblemException.malformed("expected one event as a JSON object, got " + describe(first));
            }
            JsonNode event = parser.readValueAsTree();
            expectEnd(parser);
            EventError error = checkEventId(event);
            if (error != null) {
                throw new ProblemException(Problem.of(400, error.code().wire(), "Invalid event id", error.message()));
            }
            return toEvent(0, event, new String(body, StandardCharsets.UTF_8).trim());
        } catch (JsonProcessingException e) {
            throw ProblemException.malformed(describe(e));
        } catch (IOException e) {
            throw ProblemException.malformed("unreadable body: " + e.getMessage());
        }
    }

    /** A batch body, {@code {"events": [...]}}: every item accepted or rejected on its own. */
    public List<BatchItem> readBatch(byte[] body) {
        checkRequestSize(body);
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.malformed("expected {\"events\": [...]}");
            }
            List<BatchItem> items = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("events".equals(field) && value == JsonToken.START_ARRAY) {
                    items = readItems(parser, body);
                } else {
                    parser.skipChildren();
                }
            }
            expectEnd(parser);
            if (items == null) {
                throw ProblemException.malformed("expected {\"events\": [...]}: the events array is missing");
            }
            return items;
        } catch (JsonProcessingException e) {
            throw ProblemException.malformed(describe(e));
        } catch (IOException e) {
            throw ProblemException.malformed("unreadable body: " + e.getMessage());
        }
    }

    private List<BatchItem> readItems(JsonParser parser, byte[] body) throws IOException {
        List<BatchItem> items = new ArrayList<>();
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (index >= limits.maxBatchEvents()) {
                throw ProblemException.tooLarge(
                        "a batch may hold at most " + limits.maxBatchEvents() + " events; this one holds more");
            }
            long start = parser.currentTokenLocation().getByteOffset();
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                items.add(rejected(
                        index++, ErrorCode.MALFORMED, "", "an event must be a JSON object, got " + describe(token)));
                continue;
            }
            JsonNode event = parser.readValueAsTree();
            long end = parser.currentLocation().getByteOffset();
            int length = (int) (end - start);
            if (length > limits.maxEventBytes()) {
                items.add(rejected(
                        index++,
                        ErrorCode.TOO_LARGE,
                        "",
                        "an event may be at most " + limits.maxEventBytes() + " bytes; this one is " + length));
                continue;
            }
            EventError error = checkEventId(event);
            if (error != null) {
                items.add(new BatchItem(index++, null, error));
                continue;
            }
            items.add(new BatchItem(
                    index, toEvent(index, event, new String(body, (int) start, length, StandardCharsets.UTF_8)), null));
            index++;
        }
        return items;
    }

    private IncomingEvent toEvent(int index, JsonNode event, String rawJson) {
        JsonNode sentId = event.get("event_id");
        UUID eventId = sentId == null || sentId.isNull() ? UUID_V7.generate() : UUID.fromString(sentId.asText());
        JsonNode session = event.get("session_id");
        String key = session != null && session.isTextual() ? session.asText() : eventId.toString();
        return new IncomingEvent(index, eventId, key, rawJson);
    }

    /** The event id is ingest's business (it makes retries idempotent), so it is checked here. */
    private static EventError checkEventId(JsonNode event) {
        JsonNode id = event.get("event_id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual() && Uuids.parse(id.asText()).isPresent()) {
            return null;
        }
        return new EventError(ErrorCode.INVALID_FIELD, "/event_id", "event_id must be a UUID string when present");
    }

    private void checkRequestSize(byte[] body) {
        if (body.length > limits.maxRequestBytes()) {
            throw ProblemException.tooLarge(
                    "a request may be at most " + limits.maxRequestBytes() + " bytes; this one is " + body.length);
        }
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw ProblemException.malformed("unexpected content after the JSON value at line " + at.getLineNr()
                    + ", column " + at.getColumnNr());
        }
    }

    private static BatchItem rejected(int index, ErrorCode code, String path, String message) {
        return new BatchItem(index, null, new EventError(code, path, message));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** Jackson's reason and position, without its source excerpt or class names. */
    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        return "invalid JSON" + where + ": " + (newline > 0 ? reason.substring(0, newline) : reason);
    }
}
