package io.theeye.processor.storage;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Tells a failure that will pass (the database or broker is away, busy, or racing another
 * writer: retry with backoff) from one caused by the record itself (the database refuses its
 * content: retrying can never succeed, so the record is found and set aside). A failure that is
 * the system's (missing table, privileges) is transient too: the record is not to blame, an
 * operator must act, and the stall is visible meanwhile.
 */
public final class FailureClassifier {

    /** The two kinds of failure. */
    public enum Kind {
        /** Retry the same work later. */
        TRANSIENT,
        /** Retrying cannot help: isolate the records that cause it. */
        PERMANENT
    }

    private FailureClassifier() {}

    /** The kind of a failure, judged by the first cause that says. */
    public static Kind classify(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            Kind kind = kindOf(cause);
            if (kind != null) {
                return kind;
            }
        }
        // Our own code failing on a record (an encoding it cannot do, an unexpected null) is the
        // record's: halving finds it. Were it every record's, recording the first as unstorable
        // would fail too, and that failure is treated as transient.
        return Kind.PERMANENT;
    }

    /** True when retrying cannot help. */
    public static boolean isPermanent(Throwable failure) {
        return classify(failure) == Kind.PERMANENT;
    }

    /** A short reason for a log line or an unstorable record: the database's own words where there are some. */
    public static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseException db) {
                return "PostgreSQL refused it: " + db.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static Kind kindOf(Throwable cause) {
        if (cause instanceof DatabaseException db) {
            return bySqlState(db.getSqlState());
        }
        if (cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException
                || cause instanceof SerializationException) {
            return Kind.PERMANENT;
        }
        if (cause instanceof RetriableException
                || cause instanceof org.apache.kafka.common.KafkaException
                || cause instanceof IOException
                || cause instanceof TimeoutException
                || cause instanceof io.smallrye.mutiny.TimeoutException
                || cause instanceof VertxException
                || cause instanceof io.vertx.core.impl.NoStackTraceThrowable) {
            // Connections lost or refused, pools exhausted, brokers unavailable, credentials
            // rejected: the dependency's state, not the record's.
            return Kind.TRANSIENT;
        }
        if (cause instanceof StackOverflowError) {
            return Kind.PERMANENT;
        }
        if (cause instanceof Error) {
            return Kind.TRANSIENT;
        }
        return null;
    }

    /**
     * SQLSTATE classes: 22 (data exception: bad text, numbers or dates), 23 (integrity: a null,
     * a check, a foreign key) and 54 (program limit: too large, too deep) are the record's. A
     * unique violation is a race with another writer, settled by trying again. Everything else
     * (connection, deadlock, serialization, shutdown, resources, privileges, missing objects) is
     * the system's.
     */
    static Kind bySqlState(String sqlState) {
        if (sqlState == null || sqlState.length() < 2) {
            return Kind.TRANSIENT;
        }
        if (sqlState.equals("23505")) {
            return Kind.TRANSIENT;
        }
        return switch (sqlState.substring(0, 2)) {
            case "22", "23", "54" -> Kind.PERMANENT;
            default -> Kind.TRANSIENT;
        };
    }
}
