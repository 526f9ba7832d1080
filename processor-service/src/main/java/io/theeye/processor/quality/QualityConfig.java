package io.theeye.processor.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the data-quality check (prefix {@code eye.quality}, env {@code EYE_QUALITY_...}).
 * Kept apart from {@code eye.processor}, whose keys {@code ProcessorConfig} validates strictly.
 */
@ConfigMapping(prefix = "eye.quality")
public interface QualityConfig {

    /** How often each replica tries to run the check; only one replica at a time does the work. */
    @WithDefault("1m")
    Duration checkInterval();

    /** The period over which an application's invalid share is measured. */
    @WithDefault("15m")
    Duration window();

    /** Share of invalid events in the window (0..1) above which an incident opens: 0.05 is 5%. */
    @WithDefault("0.05")
    double invalidShareThreshold();

    /**
     * Share at or below which an open invalid-share incident resolves. Lower than the threshold so
     * that a share hovering around it does not open and resolve at every run; unset means 80% of
     * the threshold.
     */
    Optional<Double> invalidShareRecovery();

    /** Fewer events than this in the window (valid and invalid together) never open a share incident. */
    @WithDefault("20")
    long minimumEvents();

    /**
     * An application that sent events within the last day but none within this long is silent. Must
     * be shorter than a day.
     */
    @WithDefault("30m")
    Duration silence();

    /** URLs that receive every notice as generic JSON (comma-separated in the environment). */
    Optional<List<URI>> webhooks();

    /** Slack incoming-webhook URLs (or compatible) that receive every notice as {@code {"text": ...}}. */
    Optional<List<URI>> slackWebhooks();

    /** How long one webhook call may take (connecting included) before it counts as not accepted. */
    @WithDefault("5s")
    Duration requestTimeout();
}
