package io.theeye.client;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as the application reports it. Its id is fixed when the event is created, so every
 * retry carries the same id and timestamp, which is what lets the server store it exactly once.
 *
 * <p>The client does not validate content: an event of an unknown type or with missing data is
 * accepted by ingest and recorded by the processor as invalid, where the data-quality team sees it.
 *
 * @param eventId the event's id, a time-ordered UUID unless the caller chose one
 * @param sessionId the caller's session
 * @param category the event type's category, for instance {@code page interaction}
 * @param name the event type's name, for instance {@code pageview}
 * @param data the event's data; copied on creation (nested values are not copied, but the client
 *     writes the event out in {@link EyeClient#track} and never reads the map again)
 * @param timestamp when it happened; kept to the microsecond, the wire format's precision
 */
public record Event(
        UUID eventId, UUID sessionId, String category, String name, Map<String, Object> data, Instant timestamp) {

    /** Category of page views and call-to-action clicks. */
    public static final String PAGE_INTERACTION = "page interaction";

    /** Category of form submits. */
    public static final String FORM_INTERACTION = "form interaction";

    /** Checks that nothing is missing, copies the data and keeps the timestamp to the microsecond. */
    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(timestamp, "timestamp");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        timestamp = timestamp.truncatedTo(ChronoUnit.MICROS);
    }

    /** An event of any type, happening now, with a new id. */
    public static Event of(UUID sessionId, String category, String name, Map<String, ?> data) {
        return new Event(newEventId(), sessionId, category, name, copy(data), Instant.now());
    }

    /** A page view: category {@code page interaction}, name {@code pageview}. */
    public static Event pageView(UUID sessionId, String host, String path) {
        return of(sessionId, PAGE_INTERACTION, "pageview", page(host, path));
    }

    /** A call-to-action click: category {@code page interaction}, name {@code cta click}. */
    public static Event ctaClick(UUID sessionId, String host, String path, String element) {
        Map<String, Object> data = page(host, path);
        data.put("element", element);
        return of(sessionId, PAGE_INTERACTION, "cta click", data);
    }

    /** A form submit: category {@code form interaction}, name {@code submit}; the form's fields as an object. */
    public static Event formSubmit(UUID sessionId, String host, String path, Map<String, ?> form) {
        Map<String, Object> data = page(host, path);
        data.put("form", copy(form));
        return of(sessionId, FORM_INTERACTION, "submit", data);
    }

    /** The same event at another time, for events recorded earlier and sent later. */
    public Event at(Instant when) {
        return new Event(eventId, sessionId, category, name, data, when);
    }

    /** A new time-ordered event id (UUID version 7), which keeps the server's indexes compact. */
    public static UUID newEventId() {
        return TimeOrderedIds.next();
    }

    private static Map<String, Object> page(String host, String path) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("host", host);
        data.put("path", path);
        return data;
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        return new LinkedHashMap<>(Objects.requireNonNull(map, "data"));
    }
}
