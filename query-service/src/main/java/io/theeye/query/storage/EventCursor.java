package io.theeye.query.storage;

import io.theeye.contract.StoredTimes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A keyset position in the event order (occurred_at, then arrival: Kafka partition and offset).
 * Opaque to clients; the next page starts strictly after it, so pages never overlap or skip.
 */
public record EventCursor(Instant occurredAt, int partition, long offset) {

    /** The cursor's wire form. */
    public String encode() {
        String text = occurredAt.getEpochSecond() + ":" + occurredAt.getNano() + ":" + partition + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a previous page handed out.
     *
     * @throws IllegalArgumentException when the text is not such a cursor
     */
    public static EventCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            Instant occurredAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (parts.length == 4 && StoredTimes.storable(occurredAt)) {
                return new EventCursor(occurredAt, Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an event cursor", e);
        }
        throw new IllegalArgumentException("not an event cursor");
    }
}
