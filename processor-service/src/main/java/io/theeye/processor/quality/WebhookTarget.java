package io.theeye.processor.quality;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A configured webhook and the body it takes. Known to the database only by {@link #id()}, a hash:
 * Slack webhook URLs are credentials and must not be stored or logged.
 */
public record WebhookTarget(URI url, Format format) {

    /** The body a webhook takes. */
    public enum Format {
        /** The full {@link QualityNotice} as JSON. */
        JSON,
        /** {@code {"text": "..."}}, which Slack incoming webhooks (and Mattermost, Rocket.Chat...) take. */
        SLACK
    }

    public WebhookTarget {
        String scheme = url.getScheme();
        boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!web || url.getHost() == null) {
            throw new IllegalArgumentException("a quality webhook must be an http(s) URL with a host, not "
                    + format.name().toLowerCase() + " webhook " + url.getScheme() + "://" + url.getHost());
        }
    }

    /** Every configured webhook, generic ones first. */
    public static List<WebhookTarget> from(QualityConfig config) {
        List<WebhookTarget> targets = new ArrayList<>();
        config.webhooks().orElse(List.of()).forEach(url -> targets.add(new WebhookTarget(url, Format.JSON)));
        config.slackWebhooks().orElse(List.of()).forEach(url -> targets.add(new WebhookTarget(url, Format.SLACK)));
        return List.copyOf(targets);
    }

    /** A stable id for the delivery records: the SHA-256 of the format and the URL. */
    public String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((format.name() + " " + url).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a log line may say about it: the format and host, never the secret path. */
    public String describe() {
        return format.name().toLowerCase() + " webhook at " + url.getHost();
    }
}
