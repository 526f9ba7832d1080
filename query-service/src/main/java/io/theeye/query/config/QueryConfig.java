package io.theeye.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of query-service (prefix {@code eye.query}, env {@code EYE_QUERY_...}). */
@ConfigMapping(prefix = "eye.query")
public interface QueryConfig {

    /** Events per page when the request names no limit. */
    @WithDefault("100")
    int defaultPageSize();

    /** The largest page a request may ask for. */
    @WithDefault("1000")
    int maxPageSize();
}
