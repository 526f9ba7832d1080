package io.theeye.query.console;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/** Settings of the analyst console (prefix {@code eye.console}, env {@code EYE_CONSOLE_...}). */
@ConfigMapping(prefix = "eye.console")
public interface ConsoleConfig {

    /**
     * Base URL of processor-service's API as the analyst's browser reaches it, for replays and the
     * overview's backlog. Unset: this server's own origin, where an Ingress routes
     * {@code /v1/admin/replay} and {@code /v1/backlog} to the processor (k8s). The console never lets
     * the user choose it: it is where the token goes.
     */
    Optional<URI> processorUrl();
}
