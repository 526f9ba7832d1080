package io.theeye.contract;

/** Kafka topic and consumer-group names: one definition shared by services, tests and tooling. */
public final class Topics {

    /** The system of record: every accepted event, as received, appended once. */
    public static final String RAW = "eye.events.raw";

    /** Events that failed validation, with their errors. */
    public static final String INVALID = "eye.events.invalid";

    /**
     * Every event stored as valid, enriched as stored ({@link ValidEventRecord}), keyed by session:
     * at least once, each copy with its identity, for consumers downstream.
     */
    public static final String VALID = "eye.events.valid";

    /** The processor's consumer group on {@link #RAW}. */
    public static final String PROCESSOR_GROUP = "eye-processor";

    private Topics() {}
}
