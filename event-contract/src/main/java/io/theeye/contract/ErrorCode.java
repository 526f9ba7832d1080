package io.theeye.contract;

import com.fasterxml.jackson.annotation.JsonValue;

/** Stable error codes used in the invalid topic, the invalid_events table, the APIs and metrics. */
public enum ErrorCode {
    MALFORMED("malformed"),
    MISSING_FIELD("missing_field"),
    INVALID_FIELD("invalid_field"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    FUTURE_TIMESTAMP("future_timestamp"),
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    SCHEMA_VIOLATION("schema_violation"),
    TOO_LARGE("too_large"),
    /** Valid or not, the database refused to store the record as it is; it is kept as text with the reason. */
    UNSTORABLE("unstorable");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire and in storage. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The code for a wire string, or {@code null} when there is none. */
    public static ErrorCode fromWire(String wire) {
        for (ErrorCode code : values()) {
            if (code.wire.equals(wire)) {
                return code;
            }
        }
        return null;
    }
}
