package io.theeye.processor.quality;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The check's signals as gauges per application, for Prometheus alert rules:
 * {@code eye_processor_invalid_share} (0..1) and {@code eye_processor_application_silent} (0 or 1).
 * Every replica measures and exports them at every run, lock or not, so no replica serves stale
 * values; the values are the same on all of them, so rules aggregate with {@code max}, not {@code sum}.
 */
@ApplicationScoped
public class QualityMetrics {

    static final String INVALID_SHARE = "eye.processor.invalid.share";
    static final String SILENT = "eye.processor.application.silent";

    private final MeterRegistry registry;
    /** Gauges only hold their state weakly: this map keeps it alive. */
    private final Map<UUID, Tracked> readings = new ConcurrentHashMap<>();

    QualityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Sets every enabled application's gauges and removes those of applications no longer watched. */
    public void update(List<ApplicationSignals> signals, QualityThresholds thresholds) {
        Set<UUID> watched = new HashSet<>();
        for (ApplicationSignals application : signals) {
            watched.add(application.applicationId());
            Readings reading = readings.computeIfAbsent(application.applicationId(), this::register)
                    .values();
            reading.invalidShare = application.invalidShare();
            reading.silent = thresholds.isSilent(application) ? 1 : 0;
        }
        readings.entrySet().removeIf(entry -> {
            if (watched.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().gauges().forEach(registry::remove);
            return true;
        });
    }

    private Tracked register(UUID application) {
        Readings values = new Readings();
        Tags tags = Tags.of("application", application.toString());
        return new Tracked(
                values,
                List.of(
                        Gauge.builder(INVALID_SHARE, values, v -> v.invalidShare)
                                .description(
                                        "Share of the application's events in the quality window that were invalid (0..1)")
                                .tags(tags)
                                .register(registry),
                        Gauge.builder(SILENT, values, v -> v.silent)
                                .description(
                                        "1 while the application, which sent events within the last day, is silent")
                                .tags(tags)
                                .register(registry)));
    }

    /** The latest values of one application's gauges; written by the check, read by scrapes. */
    private static final class Readings {
        private volatile double invalidShare;
        private volatile double silent;
    }

    /** An application's values with the gauges that read them, so they can be removed together. */
    private record Tracked(Readings values, List<Gauge> gauges) {}
}
