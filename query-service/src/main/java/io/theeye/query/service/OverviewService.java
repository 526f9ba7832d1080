package io.theeye.query.service;

import io.smallrye.mutiny.Uni;
import io.theeye.query.service.Overview.ApplicationHealth;
import io.theeye.query.service.Overview.Counts;
import io.theeye.query.service.Overview.Step;
import io.theeye.query.service.Overview.Window;
import io.theeye.query.storage.ArrivalCount;
import io.theeye.query.storage.CountingClock;
import io.theeye.query.storage.OverviewRepository;
import io.theeye.query.storage.QualityIncident;
import io.theeye.query.storage.RegisteredApplication;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the overview from the per-minute arrival counts: both periods end with the current minute,
 * so a burst posted now shows at once; the day is split into 24 hours counted back from then.
 */
@ApplicationScoped
public class OverviewService {

    /** The zero UUID under which the processor counts records whose application was not known. */
    static final UUID UNKNOWN_APPLICATION = new UUID(0, 0);

    private static final Duration HOUR = Duration.ofHours(1);
    private static final int HOURS = 24;
    private static final int MAX_INCIDENTS = 100;

    private final OverviewRepository repository;
    private final Clock clock = Clock.systemUTC();

    OverviewService(OverviewRepository repository) {
        this.repository = repository;
    }

    /** The overview as of now. */
    public Uni<Overview> overview() {
        Instant now = clock.instant();
        Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant hourFrom = to.minus(HOUR);
        Instant dayFrom = to.minus(HOUR.multipliedBy(HOURS));
        return Uni.combine()
                .all()
                .unis(
                        repository.perMinute(hourFrom, to),
                        repository.perApplicationAndHour(dayFrom, to),
                        repository.incidents(dayFrom, MAX_INCIDENTS),
                        repository.applications())
                .with((minutes, hours, incidents, applications) -> new Overview(
                        now,
                        CountingClock.ARRIVAL.wire(),
                        window(hourFrom, to, Duration.ofMinutes(1), "minute", minutes),
                        window(dayFrom, to, HOUR, "hour", hours),
                        applications(dayFrom, hours, incidents, applications),
                        incidents));
    }

    /** Every step of the period with its counts (summed over applications), zero where none arrived. */
    private static Window window(Instant from, Instant to, Duration step, String unit, List<ArrivalCount> counts) {
        Map<Instant, long[]> byStart = new LinkedHashMap<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(step)) {
            byStart.put(start, new long[2]);
        }
        long valid = 0;
        long invalid = 0;
        for (ArrivalCount count : counts) {
            long[] sums = byStart.get(count.start());
            if (sums != null) {
                sums[0] += count.valid();
                sums[1] += count.invalid();
                valid += count.valid();
                invalid += count.invalid();
            }
        }
        List<Step> steps = new ArrayList<>(byStart.size());
        byStart.forEach((start, sums) -> steps.add(new Step(start, sums[0], sums[1])));
        return new Window(from, to, unit, Counts.of(valid, invalid), steps);
    }

    /**
     * Every registered application and every other one that sent events within the day: those with
     * open incidents first, then by their invalid share over the last hour, then by name.
     */
    private static List<ApplicationHealth> applications(
            Instant dayFrom,
            List<ArrivalCount> hours,
            List<QualityIncident> incidents,
            List<RegisteredApplication> registered) {
        Map<UUID, Activity> activity = new HashMap<>();
        for (ArrivalCount count : hours) {
            activity.computeIfAbsent(count.applicationId(), id -> new Activity())
                    .add(dayFrom, count);
        }
        Map<UUID, List<String>> open = new HashMap<>();
        for (QualityIncident incident : incidents) {
            if (incident.isOpen()) {
                open.computeIfAbsent(incident.applicationId(), id -> new ArrayList<>())
                        .add(incident.kind());
            }
        }
        List<ApplicationHealth> health = new ArrayList<>();
        Map<UUID, RegisteredApplication> byId = new HashMap<>();
        for (RegisteredApplication application : registered) {
            byId.put(application.id(), application);
            if (!application.disabled() || activity.containsKey(application.id())) {
                health.add(activity.getOrDefault(application.id(), new Activity())
                        .health(
                                application.id(),
                                application.name(),
                                application.disabled() ? "disabled" : "active",
                                open.getOrDefault(application.id(), List.of())));
            }
        }
        activity.forEach((id, seen) -> {
            if (!byId.containsKey(id)) {
                health.add(seen.health(id, null, "unknown", open.getOrDefault(id, List.of())));
            }
        });
        health.sort(
                Comparator.comparing((ApplicationHealth a) -> a.openIncidents().isEmpty())
                        .thenComparing(
                                a -> a.lastHour().invalidShare() == null
                                        ? -1
                                        : a.lastHour().invalidShare(),
                                Comparator.reverseOrder())
                        .thenComparing(a -> a.name() == null ? "\uffff" : a.name()));
        return health;
    }

    /** One application's counts per hour of the day, oldest first. */
    private static final class Activity {
        private final long[] valid = new long[HOURS];
        private final long[] invalid = new long[HOURS];
        private Instant lastMinute;

        void add(Instant dayFrom, ArrivalCount count) {
            int hour = (int) Duration.between(dayFrom, count.start()).toHours();
            if (hour < 0 || hour >= HOURS) {
                return;
            }
            valid[hour] += count.valid();
            invalid[hour] += count.invalid();
            if (lastMinute == null || count.lastMinute().isAfter(lastMinute)) {
                lastMinute = count.lastMinute();
            }
        }

        ApplicationHealth health(UUID id, String name, String status, List<String> openIncidents) {
            Counts day = Counts.of(0, 0);
            List<Double> shares = new ArrayList<>(HOURS);
            for (int hour = 0; hour < HOURS; hour++) {
                day = day.plus(valid[hour], invalid[hour]);
                shares.add(Counts.of(valid[hour], invalid[hour]).invalidShare());
            }
            return new ApplicationHealth(
                    id,
                    name,
                    status,
                    Counts.of(valid[HOURS - 1], invalid[HOURS - 1]),
                    Counts.of(valid[HOURS - 2], invalid[HOURS - 2]),
                    day,
                    shares,
                    lastMinute,
                    List.copyOf(openIncidents));
        }
    }
}
