package io.theeye.processor.validation;

/** What validation made of one record: a valid event or an invalid one, never neither. */
public sealed interface ValidationOutcome permits ValidEvent, InvalidEvent {

    /** The event's id. */
    java.util.UUID eventId();
}
