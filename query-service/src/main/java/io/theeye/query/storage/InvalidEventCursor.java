package io.theeye.query.storage;

import io.theeye.contract.StoredTimes;
import io.theeye.contract.Uuids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A keyset position in an invalid-event listing (newest first on the listing's clock, ties by event
 * id). Opaque to clients; the next page starts strictly after it, given the same parameters.
 *
 * @param at the event's time on the listing's clock
 */
public record InvalidEventCursor(Instant at, UUID eventId) {

    private static final String KIND = "i";

    /** The cursor's wire form. */
    public String encode() {
        String text = KIND + ":" + at.getEpochSecond() + ":" + at.getNano() + ":" + eventId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a previous page handed out.
     *
     * @throws IllegalArgumentException when the text is not such a cursor
     */
    public static InvalidEventCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            Optional<UUID> eventId = parts.length == 4 ? Uuids.parse(parts[3]) : Optional.empty();
            if (KIND.equals(parts[0]) && eventId.isPresent() && StoredTimes.storable(at)) {
                return new InvalidEventCursor(at, eventId.get());
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an invalid-event cursor", e);
        }
        throw new IllegalArgumentException("not an invalid-event cursor");
    }
}
