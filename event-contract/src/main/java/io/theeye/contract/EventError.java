package io.theeye.contract;

/**
 * One reason an event is invalid. Path and message may quote the event's own text (a key, a
 * category): they are made storable here, once, so that no reason can itself be refused.
 *
 * @param code the stable error code
 * @param path a JSON Pointer into the event (empty for the whole event)
 * @param message a human-readable explanation
 */
public record EventError(ErrorCode code, String path, String message) {

    public EventError {
        path = StorableText.escape(path);
        message = StorableText.escape(message);
    }
}
