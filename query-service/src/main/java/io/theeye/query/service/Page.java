package io.theeye.query.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged listing.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Page<T>(List<T> events, String nextCursor) {

    /**
     * The page in up to {@code limit + 1} rows: the row beyond the page only tells that another
     * page follows, which then starts after the page's last row.
     */
    static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> page = List.copyOf(rows.subList(0, limit));
        return new Page<>(page, cursorAfter.apply(page.get(limit - 1)));
    }
}
