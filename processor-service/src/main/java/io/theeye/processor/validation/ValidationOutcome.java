package io.theeye.processor.validation;

import java.util.UUID;

/** What validation made of one record: a valid event or an invalid one, never neither. */
public sealed interface ValidationOutcome permits ValidEvent, InvalidEvent {

    /** The event's id: with the application, its identity. */
    UUID eventId();

    /** The application, or null when the record was not even an envelope. */
    UUID applicationId();

    /** The raw record's partition: with the offset, its place in the log. */
    int kafkaPartition();

    /** The raw record's offset. */
    long kafkaOffset();
}
