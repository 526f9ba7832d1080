package io.theeye.query.storage;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** WHERE conditions and their parameters, numbered $1, $2, ... as added: values never enter the SQL text. */
final class SqlConditions {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    /** Adds a parameter and returns its number. */
    int parameter(Object value) {
        args.add(value);
        return args.size();
    }

    /** A condition whose {@code ?} stands for the value; an absent (null) value adds no condition. */
    SqlConditions where(String condition, Object value) {
        if (value != null) {
            conditions.add(condition.replace("?", "$" + parameter(value)));
        }
        return this;
    }

    /** A condition whose parameters are numbered already. */
    SqlConditions where(String condition) {
        conditions.add(condition);
        return this;
    }

    /** The WHERE clause, or nothing when there is no condition. */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    Tuple args() {
        return Tuple.from(args);
    }
}
