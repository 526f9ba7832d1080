package io.theeye.processor.storage;

import static io.theeye.processor.storage.FailureClassifier.Kind.PERMANENT;
import static io.theeye.processor.storage.FailureClassifier.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures are retried and which isolate the record that caused them. */
class FailureClassifierTest {

    @ParameterizedTest(name = "SQLSTATE {0} is {1}")
    @CsvSource({
        "22P05, PERMANENT", // unsupported Unicode escape (U+0000 in jsonb)
        "22P02, PERMANENT", // invalid text representation
        "22003, PERMANENT", // numeric value out of range
        "22008, PERMANENT", // datetime field overflow
        "23502, PERMANENT", // not null violation
        "23514, PERMANENT", // check violation
        "54000, PERMANENT", // program limit exceeded (row too big)
        "54001, PERMANENT", // statement too complex / stack depth
        "23505, TRANSIENT", // a unique race with another writer
        "40001, TRANSIENT", // serialization failure
        "40P01, TRANSIENT", // deadlock
        "57P01, TRANSIENT", // admin shutdown
        "57014, TRANSIENT", // statement timeout
        "08006, TRANSIENT", // connection failure
        "53300, TRANSIENT", // too many connections
        "42P01, TRANSIENT", // undefined table: the system's fault, not the record's
        "42501, TRANSIENT" // insufficient privilege
    })
    void classifiesDatabaseRefusalsByTheirSqlState(String sqlState, FailureClassifier.Kind kind) {
        assertThat(FailureClassifier.classify(new PgException("refused", "ERROR", sqlState, "detail")))
                .isEqualTo(kind);
    }

    @Test
    void retriesWhenTheDatabaseOrBrokerIsAway() {
        assertThat(FailureClassifier.classify(new ConnectException("Connection refused")))
                .isEqualTo(TRANSIENT);
        assertThat(FailureClassifier.classify(ClosedConnectionException.INSTANCE))
                .isEqualTo(TRANSIENT);
        assertThat(FailureClassifier.classify(new TimeoutException("no ack"))).isEqualTo(TRANSIENT);
        assertThat(FailureClassifier.classify(new NotEnoughReplicasException("isr")))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void isolatesARecordTheBrokerCanNeverTake() {
        assertThat(FailureClassifier.classify(new RecordTooLargeException("too large")))
                .isEqualTo(PERMANENT);
    }

    @Test
    void looksThroughWrappersForTheCause() {
        Throwable wrapped =
                new CompletionException(new IllegalStateException(new PgException("refused", "ERROR", "22P05", "NUL")));
        assertThat(FailureClassifier.classify(wrapped)).isEqualTo(PERMANENT);
        assertThat(FailureClassifier.classify(new CompletionException(new ConnectException("down"))))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void treatsOurOwnFailureOnARecordAsTheRecords() {
        assertThat(FailureClassifier.classify(new IllegalArgumentException("cannot encode")))
                .isEqualTo(PERMANENT);
    }

    @Test
    void givesTheDatabasesReason() {
        assertThat(FailureClassifier.reason(
                        new PgException("unsupported Unicode escape sequence", "ERROR", "22P05", "")))
                .contains("PostgreSQL refused it")
                .contains("unsupported Unicode escape sequence");
    }
}
