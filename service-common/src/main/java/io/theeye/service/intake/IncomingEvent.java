package io.theeye.service.intake;

import java.util.UUID;

/**
 * One event read from a request: its JSON exactly as sent, its id, and its Kafka key.
 *
 * @param index its position in the request (0 for a single event)
 * @param eventId the client's event_id, or a UUIDv7 assigned here
 * @param key the Kafka key: session_id as sent, else the event id
 * @param rawJson the event's JSON text as received
 */
public record IncomingEvent(int index, UUID eventId, String key, String rawJson) {}
