package io.theeye.processor.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Halving a refused batch finds the refused records and writes all the others, in few writes. */
class IsolationTest {

    /** A database that refuses, as PostgreSQL would, any statement holding one of the poisoned items. */
    private static Function<List<Integer>, Uni<List<Integer>>> refusing(Set<Integer> poisoned, List<Integer> stored) {
        return part -> {
            if (part.stream().anyMatch(poisoned::contains)) {
                return Uni.createFrom()
                        .failure(new PgException("unsupported Unicode escape sequence", "ERROR", "22P05", ""));
            }
            stored.addAll(part);
            return Uni.createFrom().item(part);
        };
    }

    @Test
    void oneRefusedRecordAmongAThousandCostsAFewWritesAndNothingElse() {
        List<Integer> batch = IntStream.range(0, 1000).boxed().toList();
        List<Integer> stored = new ArrayList<>();

        Isolation<Integer, List<Integer>> isolation =
                Isolation.run(batch, refusing(Set.of(617), stored)).await().indefinitely();

        assertThat(stored).hasSize(999).doesNotContain(617);
        assertThat(isolation.refused()).extracting(Isolation.Refused::item).containsExactly(617);
        assertThat(isolation.refused().get(0).reason()).hasMessageContaining("Unicode");
        // The whole batch, then two halves per level down to the single record: 1 + 2 * 10.
        assertThat(isolation.writes()).isLessThanOrEqualTo(1 + 2 * 10);
    }

    @Test
    void aBatchWithoutRefusalsIsOneWrite() {
        List<Integer> stored = new ArrayList<>();
        Isolation<Integer, List<Integer>> isolation = Isolation.run(List.of(1, 2, 3), refusing(Set.of(), stored))
                .await()
                .indefinitely();

        assertThat(stored).containsExactly(1, 2, 3);
        assertThat(isolation.writes()).isEqualTo(1);
        assertThat(isolation.refused()).isEmpty();
    }

    @Test
    void findsEveryRefusedRecord() {
        List<Integer> batch = IntStream.range(0, 64).boxed().toList();
        List<Integer> stored = new ArrayList<>();

        Isolation<Integer, List<Integer>> isolation = Isolation.run(batch, refusing(Set.of(0, 31, 32, 63), stored))
                .await()
                .indefinitely();

        assertThat(stored).hasSize(60);
        assertThat(isolation.refused()).extracting(Isolation.Refused::item).containsExactly(0, 31, 32, 63);
    }

    @Test
    void aTransientFailureEndsTheRunForARetryOfTheWhole() {
        Function<List<Integer>, Uni<List<Integer>>> away =
                part -> Uni.createFrom().failure(new ConnectException("Connection refused"));

        assertThatThrownBy(() -> Isolation.run(List.of(1, 2), away).await().indefinitely())
                .hasRootCauseInstanceOf(ConnectException.class);
    }
}
