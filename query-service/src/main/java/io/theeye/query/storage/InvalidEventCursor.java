package io.theeye.query.storage;

import io.theeye.service.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in the invalid-event order (newest arrival first, ties by event id). Opaque
 * to clients; the next page starts strictly after it.
 */
public record InvalidEventCursor(Instant seenAt, UUID eventId) {

    private static final String KIND = "i";

    /** The cursor's wire form. */
    public String encode() {
        String text = KIND + ":" + seenAt.getEpochSecond() + ":" + seenAt.getNano() + ":" + eventId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a previous page handed out. */
    public static InvalidEventCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !KIND.equals(parts[0]) || parts[3].length() != 36) {
                throw new IllegalArgumentException();
            }
            Instant seenAt = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            if (!StorableTimes.contains(seenAt)) {
                throw new IllegalArgumentException();
            }
            return new InvalidEventCursor(seenAt, UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw ProblemException.invalidParameter("cursor", "must be a cursor returned by a previous page");
        }
    }
}
