package io.theeye.processor.storage;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a write over a list of items; when it fails for a permanent reason, halves the list and
 * writes each half, until every refused item stands alone. One bad item among n costs about
 * 2·log2(n) extra writes; the others are written as if nothing happened. Transient failures are
 * not handled here: they end the run, to be retried whole (every write is idempotent).
 *
 * @param <T> the items
 * @param <R> what one successful write returns
 */
public final class Isolation<T, R> {

    /** An item the write refused on its own, and why. */
    public record Refused<T>(T item, Throwable reason) {}

    private final Function<List<T>, Uni<R>> write;
    private final List<R> results = new ArrayList<>();
    private final List<Refused<T>> refused = new ArrayList<>();
    private int writes;

    private Isolation(Function<List<T>, Uni<R>> write) {
        this.write = write;
    }

    /** Writes all items; the isolation ends once every item is written or refused alone. */
    public static <T, R> Uni<Isolation<T, R>> run(List<T> items, Function<List<T>, Uni<R>> write) {
        Isolation<T, R> isolation = new Isolation<>(write);
        return isolation.attempt(items).replaceWith(isolation);
    }

    /** What each successful write returned, in order. */
    public List<R> results() {
        return results;
    }

    /** The items refused on their own. */
    public List<Refused<T>> refused() {
        return refused;
    }

    /** How many writes it took (1 when nothing was refused). */
    public int writes() {
        return writes;
    }

    private Uni<Void> attempt(List<T> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom()
                .deferred(() -> {
                    writes++;
                    return write.apply(items);
                })
                .invoke(results::add)
                .replaceWithVoid()
                .onFailure(FailureClassifier::isPermanent)
                .recoverWithUni(failure -> {
                    if (items.size() == 1) {
                        refused.add(new Refused<>(items.get(0), failure));
                        return Uni.createFrom().voidItem();
                    }
                    int half = items.size() / 2;
                    return attempt(items.subList(0, half)).chain(() -> attempt(items.subList(half, items.size())));
                });
    }
}
