package io.theeye.contract;

import java.util.Optional;
import java.util.UUID;

/** UUIDs as the contract writes them: the canonical 36-character form, nothing shorter. */
public final class Uuids {

    private Uuids() {}

    /**
     * The UUID the text spells, or empty. {@link UUID#fromString} alone also takes short forms
     * such as {@code 1-2-3-4-5}, which no client means as an id.
     */
    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
