package io.theeye.query.console;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;

/**
 * Security headers on every answer of the public port, and the console's server-side settings.
 * The console runs no inline script and no inline style, so the Content-Security-Policy allows
 * scripts, styles and connections to this origin only (plus the configured processor for replays
 * and the backlog);
 * no page may frame it (clickjacking), and browsers may neither sniff types nor send referrers.
 */
@ApplicationScoped
public class ConsoleSecurityHeaders {

    /** Where the console reads the settings the server decides for it. */
    public static final String SETTINGS_PATH = "/console/settings";

    private final ConsoleConfig config;

    ConsoleSecurityHeaders(ConsoleConfig config) {
        this.config = config;
    }

    void routes(@Observes Router router) {
        String policy = contentSecurityPolicy(config.processorUrl());
        router.route().order(Integer.MIN_VALUE + 100).handler(context -> {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", policy);
            headers.set("X-Frame-Options", "DENY");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            context.next();
        });
        String settings = new JsonObject()
                .put("processor_url", config.processorUrl().map(URI::toString).orElse(null))
                .encode();
        router.get(SETTINGS_PATH)
                .handler(context -> context.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(settings));
    }

    /** The policy: this origin only, plus the processor's origin for the replay and backlog calls when it is elsewhere. */
    static String contentSecurityPolicy(Optional<URI> processorUrl) {
        String connect = "'self'"
                + processorUrl
                        .map(ConsoleSecurityHeaders::origin)
                        .map(o -> " " + o)
                        .orElse("");
        return String.join(
                "; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src " + connect,
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
