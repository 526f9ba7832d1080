package io.theeye.processor.validation;

import java.time.Instant;

/**
 * A record from the raw topic, before anything is known about its content.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset: with the partition, its arrival order
 * @param value the record's text, possibly not even JSON
 * @param appendedAt when it was appended to the log (the record's timestamp)
 */
public record RawRecord(String topic, int partition, long offset, String value, Instant appendedAt) {}
