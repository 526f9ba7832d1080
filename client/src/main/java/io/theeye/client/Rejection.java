package io.theeye.client;

import java.util.UUID;

/**
 * An event the client will not deliver, and why: the server refused it for good (any 4xx but
 * 429, or a rejected item of a batch), it was too large to send, or the client was closed before
 * the server acknowledged it. Such events are never retried.
 *
 * @param eventId the event's id
 * @param status the HTTP status of the server's answer; 0 when the server never judged the event
 * @param code the server's stable error code ({@code too_large}, {@code unauthorized}, ...), or
 *     {@link #TOO_LARGE} / {@link #NOT_DELIVERED} when the client decided
 * @param path a JSON Pointer into the event when the server named one, else empty
 * @param message the reason, in the server's words when it gave one
 * @param event the event as JSON, as it was sent (without {@code sent_at}), for the host to keep
 */
public record Rejection(UUID eventId, int status, String code, String path, String message, String event) {

    /** The event is larger than the client may send. */
    public static final String TOO_LARGE = "too_large";

    /** The client was closed, and its close timeout passed, before the server acknowledged the event. */
    public static final String NOT_DELIVERED = "not_delivered";
}
