package io.theeye.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid events of the three registered types for tests, shared instead of copied constants. */
final class TestEvents {

    static final String HOST = "shop.example.com";

    private TestEvents() {}

    /** {@code count} events of one session, cycling through page view, click and form submit. */
    static List<Event> session(int count) {
        UUID session = UUID.randomUUID();
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(
                    switch (i % 3) {
                        case 0 -> Event.pageView(session, HOST, "/products/" + i);
                        case 1 -> Event.ctaClick(session, HOST, "/products/" + (i - 1), "add-to-cart");
                        default -> Event.formSubmit(session, HOST, "/checkout", Map.of("email", "a@example.com"));
                    });
        }
        return events;
    }

    /** A valid page view whose JSON is about {@code bytes} long (its path is padded). */
    static Event pageViewOfAbout(int bytes) {
        Event small = Event.pageView(UUID.randomUUID(), HOST, "/");
        int padding = Math.max(0, bytes - 200);
        return Event.pageView(small.sessionId(), HOST, "/" + "p".repeat(padding));
    }

    /** A form submit with a field of {@code bytes} characters: too large for ingest above 32 KB. */
    static Event formSubmitWithField(int bytes) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("comment", "x".repeat(bytes));
        return Event.formSubmit(UUID.randomUUID(), HOST, "/contact", form);
    }

    /** Tracks every event and fails if the client did not queue one. */
    static void trackAll(EyeClient client, List<Event> events) {
        for (Event event : events) {
            if (!client.track(event)) {
                throw new AssertionError("not queued: " + event.eventId() + " " + client.stats());
            }
        }
    }
}
