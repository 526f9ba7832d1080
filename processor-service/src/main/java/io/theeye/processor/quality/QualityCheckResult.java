package io.theeye.processor.quality;

/**
 * What one run of the quality check did.
 *
 * @param applications enabled applications measured
 * @param opened incidents opened by this run
 * @param resolved incidents resolved (or closed for a disabled application) by this run
 * @param noticesAccepted notices a webhook accepted in this run
 * @param noticesRejected notices a webhook did not accept in this run; they are retried at the next
 */
public record QualityCheckResult(
        Outcome outcome, int applications, int opened, int resolved, int noticesAccepted, int noticesRejected) {

    /** Whether the run did the work. */
    public enum Outcome {
        /** Measured, updated the incidents and sent what was due. */
        CHECKED,
        /** Measured and exported the gauges; another replica held the lock and does the rest. */
        LOCKED_ELSEWHERE,
        /** Nothing done: the schema is not migrated yet. */
        SCHEMA_NOT_MIGRATED
    }

    static QualityCheckResult notMigrated() {
        return new QualityCheckResult(Outcome.SCHEMA_NOT_MIGRATED, 0, 0, 0, 0, 0);
    }

    static QualityCheckResult lockedElsewhere(int applications) {
        return new QualityCheckResult(Outcome.LOCKED_ELSEWHERE, applications, 0, 0, 0, 0);
    }
}
