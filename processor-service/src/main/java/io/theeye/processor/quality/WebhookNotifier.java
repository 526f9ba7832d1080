package io.theeye.processor.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Posts notices to webhooks with the JDK's HTTP client (no extra dependency), each call bounded by
 * {@code eye.quality.request-timeout}. Only a 2xx answer counts as accepted.
 */
@ApplicationScoped
public class WebhookNotifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    private final ObjectMapper mapper;
    private final Duration timeout;
    private final HttpClient http;
    /** Webhooks whose last call failed: a failure is logged once per streak, not at every run. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    WebhookNotifier(ObjectMapper mapper, QualityConfig config) {
        this.mapper = mapper;
        this.timeout = config.requestTimeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                // Plain HTTP/1.1: no h2c upgrade dance with simple receivers; redirects are not followed
                // so that a notice is never re-posted somewhere the configuration did not name.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Completes with true when the webhook answered 2xx, false on any other answer or failure; never fails. */
    public Uni<Boolean> send(WebhookTarget target, QualityNotice notice) {
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "the-eye-processor")
                .POST(HttpRequest.BodyPublishers.ofString(body(target, notice)))
                .build();
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                // The request timeout covers the answer's headers; this also bounds a trickling body.
                .ifNoItem()
                .after(timeout.multipliedBy(2))
                .fail()
                .map(response -> accepted(target, response.statusCode()))
                .onFailure()
                .recoverWithItem(failure -> failed(target, describe(failure)));
    }

    private String body(WebhookTarget target, QualityNotice notice) {
        try {
            return target.format() == WebhookTarget.Format.SLACK
                    ? mapper.writeValueAsString(Map.of("text", notice.slackText()))
                    : mapper.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The failure's type and message; the URL, which may be a secret, is not in either. */
    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private boolean accepted(WebhookTarget target, int status) {
        if (status / 100 != 2) {
            return failed(target, "answered " + status);
        }
        if (failing.remove(target.id())) {
            LOG.infof("the %s accepts quality notices again", target.describe());
        }
        return true;
    }

    private boolean failed(WebhookTarget target, String why) {
        if (failing.add(target.id())) {
            LOG.warnf(
                    "the %s did not accept a quality notice (%s); retrying at the next check", target.describe(), why);
        }
        return false;
    }
}
