package io.theeye.query.service;

import io.theeye.contract.ErrorCode;
import java.util.UUID;

/**
 * Which decided events a viewer wants; every part is optional and they combine with AND. A code
 * matches only invalid events that have it.
 */
public record LiveFilter(UUID applicationId, String category, String name, ErrorCode code, LiveEvent.Kind kind) {

    /** Everything. */
    public static final LiveFilter ALL = new LiveFilter(null, null, null, null, null);

    public boolean matches(LiveEvent event) {
        return (kind == null || kind == event.kind())
                && (applicationId == null || applicationId.equals(event.applicationId()))
                && (category == null || category.equals(event.category()))
                && (name == null || name.equals(event.name()))
                && (code == null || event.codes().contains(code.wire()));
    }
}
