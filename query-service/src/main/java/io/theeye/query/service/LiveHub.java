package io.theeye.query.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.theeye.contract.Problem;
import io.theeye.query.config.QueryConfig;
import io.theeye.service.problem.ProblemException;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Fans the decided events of this instance's one consumer out to its viewers. It keeps the most
 * recent events (bounded by count and bytes) so that a viewer who reconnects with the id of the
 * last event it received continues right after it. Nothing here ever waits for a viewer: an event
 * is queued for each viewer whose filter it matches, and a viewer whose queue is full is dropped
 * (its stream ends with a {@code dropped} message), so a slow viewer costs the others and the
 * consumer nothing. Viewers per instance are bounded; one more is refused with 503.
 */
@ApplicationScoped
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    /** A dropped viewer that does not take even its last message within this is disconnected. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private final QueryConfig.Live config;
    private final Vertx vertx;
    private final Object lock = new Object();
    private final ArrayDeque<LiveEvent> recent = new ArrayDeque<>();
    private final List<LiveViewer> viewers = new ArrayList<>();
    /** Dropped viewers whose last message is on its way; watched until their stream ends. */
    private final List<LiveViewer> ending = new ArrayList<>();

    private final Counter droppedSlow;
    private final Counter droppedStuck;
    private final Counter refused;
    private final Counter events;
    private final long timer;
    private long recentBytes;
    private volatile long lastViewerLeftAt =
            System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile int viewerCount;

    LiveHub(QueryConfig config, Vertx vertx, MeterRegistry metrics) {
        this.config = config.live();
        this.vertx = vertx;
        Gauge.builder("eye.query.live.viewers", () -> viewerCount)
                .description("Live viewers this instance serves now")
                .register(metrics);
        this.droppedSlow = Counter.builder("eye.query.live.viewers.dropped")
                .description(
                        "Viewers dropped: slow (their queue filled up) or stuck (not even taking the last message)")
                .tag("reason", "slow")
                .register(metrics);
        this.droppedStuck = Counter.builder("eye.query.live.viewers.dropped")
                .description(
                        "Viewers dropped: slow (their queue filled up) or stuck (not even taking the last message)")
                .tag("reason", "stuck")
                .register(metrics);
        this.refused = Counter.builder("eye.query.live.viewers.refused")
                .description("Viewers refused because this instance served its maximum")
                .register(metrics);
        this.events = Counter.builder("eye.query.live.events")
                .description("Decided events read for the live view")
                .register(metrics);
        long period = Math.max(1_000, this.config.heartbeat().toMillis() / 3);
        this.timer = vertx.setPeriodic(period, ignored -> tick());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }

    /**
     * A new viewer, registered at once so that it misses nothing from here on; with the id of the
     * last event it received, the recent events after it are queued first when they are still held.
     *
     * @param executor where its messages are handed to its connection
     * @param forceClose closes its connection, for a viewer that stops reading altogether
     */
    public LiveViewer open(LiveFilter filter, String lastEventId, Executor executor, Runnable forceClose) {
        if (!config.enabled()) {
            throw new ProblemException(Problem.of(
                    503, "unavailable", "Live view unavailable", "the live view is turned off on this server"));
        }
        synchronized (lock) {
            if (viewers.size() >= config.maxViewers()) {
                refused.increment();
                throw new ProblemException(
                        Problem.of(
                                503,
                                "unavailable",
                                "Too many live viewers",
                                "this server already streams to its maximum of " + config.maxViewers()
                                        + " live viewers; retry later"),
                        Duration.ofSeconds(10));
            }
            LiveViewer viewer = new LiveViewer(
                    filter, config.viewerQueue(), config.viewerQueueBytes(), executor, this::ended, forceClose);
            Boolean resumed = null;
            List<LiveEvent> missed = List.of();
            if (lastEventId != null) {
                missed = after(lastEventId, filter);
                resumed = missed != null && missed.size() < config.viewerQueue();
            }
            viewers.add(viewer);
            viewerCount = viewers.size();
            viewer.send(new LiveMessage.Opened(resumed, viewers.size(), config.maxViewers()));
            if (Boolean.TRUE.equals(resumed)) {
                missed.forEach(viewer::offer);
            }
            return viewer;
        }
    }

    /** The held events after the one with this id that match, or null when it is not held. */
    private List<LiveEvent> after(String id, LiveFilter filter) {
        List<LiveEvent> after = null;
        for (LiveEvent event : recent) {
            if (after != null && filter.matches(event)) {
                after.add(event);
            } else if (after == null && event.id().equals(id)) {
                after = new ArrayList<>();
            }
        }
        return after;
    }

    /** Events the consumer read, in the order it read them; never waits. */
    public void publish(List<LiveEvent> batch) {
        events.increment(batch.size());
        synchronized (lock) {
            for (LiveEvent event : batch) {
                remember(event);
                for (Iterator<LiveViewer> each = viewers.iterator(); each.hasNext(); ) {
                    LiveViewer viewer = each.next();
                    if (viewer.filter().matches(event) && !viewer.offer(event)) {
                        each.remove();
                        ending.add(viewer);
                        droppedSlow.increment();
                        viewer.end(new LiveMessage.Dropped(
                                "slow",
                                "this stream fell " + config.viewerQueue()
                                        + " events behind and was ended; reconnect, ideally with narrower filters"));
                    }
                }
            }
            left();
        }
    }

    private void remember(LiveEvent event) {
        recent.addLast(event);
        recentBytes += event.size();
        while (recent.size() > config.recentEvents() || recentBytes > config.recentBytes()) {
            recentBytes -= recent.removeFirst().size();
        }
    }

    /** Whether anyone watches, or did a moment ago (a viewer reconnecting should find its events). */
    public boolean watched() {
        return viewerCount > 0
                || System.nanoTime() - lastViewerLeftAt < config.idleAfter().toNanos();
    }

    /** Reading stopped: what is held would leave a gap before what comes when it resumes. */
    public void forgetRecent() {
        synchronized (lock) {
            recent.clear();
            recentBytes = 0;
        }
    }

    /** Viewers of this instance now. */
    public int viewers() {
        return viewerCount;
    }

    private void ended(LiveViewer viewer) {
        synchronized (lock) {
            viewers.remove(viewer);
            ending.remove(viewer);
            left();
        }
    }

    private void left() {
        if (viewerCount > 0 && viewers.isEmpty()) {
            lastViewerLeftAt = System.nanoTime();
        }
        viewerCount = viewers.size();
    }

    /** Heartbeats for quiet viewers; viewers that stopped reading altogether are disconnected. */
    private void tick() {
        long now = System.nanoTime();
        long quiet = config.heartbeat().toNanos();
        List<LiveViewer> stuck = new ArrayList<>();
        synchronized (lock) {
            for (LiveViewer viewer : viewers) {
                if (viewer.stuck(STUCK_AFTER.toNanos(), now)) {
                    stuck.add(viewer);
                } else if (viewer.quietFor(quiet, now)) {
                    viewer.send(new LiveMessage.Heartbeat());
                }
            }
            for (LiveViewer viewer : ending) {
                if (viewer.stuck(STUCK_AFTER.toNanos(), now)) {
                    stuck.add(viewer);
                }
            }
        }
        for (LiveViewer viewer : stuck) {
            droppedStuck.increment();
            LOG.debugf("a live viewer took nothing for %d s: disconnected", STUCK_AFTER.toSeconds());
            viewer.close();
        }
    }
}
