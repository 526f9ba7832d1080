package io.theeye.processor.quality;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.theeye.processor.config.ProcessorConfig;
import io.theeye.processor.quality.IncidentRepository.Accepted;
import io.theeye.processor.quality.IncidentRepository.Change;
import io.theeye.processor.quality.IncidentRepository.PendingIncident;
import io.theeye.processor.quality.QualityCheckResult.Outcome;
import io.theeye.processor.quality.QualityNotice.State;
import io.theeye.processor.storage.SchemaMigration;
import io.theeye.service.logging.OutageLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The scheduled data-quality check: measures every enabled application, opens and
 * resolves incidents, and sends each opening and recovery notice once to every webhook. One
 * transaction holding an advisory lock does it all, webhook calls included, so with several
 * replicas exactly one runs at a time and the state it leaves in PostgreSQL is where the next one,
 * on any replica, continues.
 */
@Startup // the thresholds and webhook URLs are checked at start, not at the first run
@ApplicationScoped
public class QualityCheck {

    private static final Logger LOG = Logger.getLogger(QualityCheck.class);

    /** Bounds one run's webhook calls; the rest wait for the next run. */
    static final int MAX_INCIDENTS_NOTIFIED_PER_RUN = 100;

    private final Pool pool;
    private final SchemaMigration migration;
    private final SignalRepository signals;
    private final IncidentRepository incidents;
    private final WebhookNotifier notifier;
    private final QualityMetrics metrics;
    private final QualityThresholds thresholds;
    private final List<WebhookTarget> targets;
    private final Duration futureTolerance;
    /** Runs of this replica go one after the other: a manual run waits for a scheduled one. */
    private final AtomicReference<CompletableFuture<Void>> previousRun =
            new AtomicReference<>(CompletableFuture.completedFuture(null));

    private final OutageLog failures = new OutageLog(LOG);

    QualityCheck(
            Pool pool,
            SchemaMigration migration,
            SignalRepository signals,
            IncidentRepository incidents,
            WebhookNotifier notifier,
            QualityMetrics metrics,
            QualityConfig config,
            ProcessorConfig processorConfig) {
        this.pool = pool;
        this.migration = migration;
        this.signals = signals;
        this.incidents = incidents;
        this.notifier = notifier;
        this.metrics = metrics;
        this.thresholds = QualityThresholds.from(config);
        this.targets = WebhookTarget.from(config);
        this.futureTolerance = processorConfig.futureTolerance();
    }

    @Scheduled(
            every = "${eye.quality.check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledCheck() {
        if (!migration.isDone()) {
            return Uni.createFrom().voidItem();
        }
        return checkNow()
                .invoke(() -> failures.worked("the data-quality check works again"))
                .onFailure()
                .invoke(failure -> failures.failed(
                        "the data-quality check failed; it runs again at its next interval: %s", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Runs one check now (after any run of this replica still in progress); fails if it fails. */
    public Uni<QualityCheckResult> checkNow() {
        return Uni.createFrom().deferred(() -> {
            if (!migration.isDone()) {
                return Uni.createFrom().item(QualityCheckResult.notMigrated());
            }
            CompletableFuture<Void> thisRun = new CompletableFuture<>();
            CompletableFuture<Void> previous = previousRun.getAndSet(thisRun);
            return Uni.createFrom()
                    .completionStage(previous)
                    .chain(() -> pool.withTransaction(this::run))
                    .onTermination()
                    .invoke(() -> thisRun.complete(null));
        });
    }

    private Uni<QualityCheckResult> run(SqlConnection connection) {
        return incidents
                .tryLock(connection)
                .chain(locked -> signals.load(connection, thresholds.window(), futureTolerance)
                        .chain(measured -> {
                            // Every replica exports the gauges, so none serves stale values.
                            metrics.update(measured, thresholds);
                            if (!locked) {
                                return Uni.createFrom().item(QualityCheckResult.lockedElsewhere(measured.size()));
                            }
                            return applyTransitions(connection, measured)
                                    .chain(changed -> notifyPending(connection)
                                            .map(notices -> new QualityCheckResult(
                                                    Outcome.CHECKED,
                                                    measured.size(),
                                                    changed.opened(),
                                                    changed.resolved(),
                                                    notices.accepted(),
                                                    notices.rejected())));
                        }));
    }

    /** How many incidents a run opened and resolved. */
    private record Transitions(int opened, int resolved) {}

    private Uni<Transitions> applyTransitions(SqlConnection connection, List<ApplicationSignals> measured) {
        List<Change> toOpen = new ArrayList<>();
        List<Change> toResolve = new ArrayList<>();
        for (ApplicationSignals application : measured) {
            Change share =
                    new Change(application.applicationId(), IncidentKind.INVALID_SHARE, application.invalidShare());
            if (thresholds.opensInvalidShare(application)) {
                toOpen.add(share);
            } else if (thresholds.resolvesInvalidShare(application)) {
                toResolve.add(share);
            }
            Change silent =
                    new Change(application.applicationId(), IncidentKind.SILENT, application.secondsSinceLastEvent());
            if (thresholds.opensSilent(application)) {
                toOpen.add(silent);
            } else if (thresholds.resolvesSilent(application)) {
                toResolve.add(silent);
            }
        }
        return incidents
                .closeDisabled(connection)
                .chain(closed -> incidents
                        .open(connection, toOpen)
                        .chain(opened -> incidents
                                .resolve(connection, toResolve)
                                .map(resolved -> {
                                    closed.forEach(c -> LOG.infof(
                                            "%s incident of disabled application %s closed",
                                            c.kind().wire(), c.applicationId()));
                                    opened.forEach(c -> LOG.infof(
                                            "%s incident of application %s opened (value %s)",
                                            c.kind().wire(), c.applicationId(), c.value()));
                                    resolved.forEach(c -> LOG.infof(
                                            "%s incident of application %s resolved (value %s)",
                                            c.kind().wire(), c.applicationId(), c.value()));
                                    return new Transitions(opened.size(), resolved.size() + closed.size());
                                })));
    }

    /** Notices sent by a run. */
    private record Notices(int accepted, int rejected) {}

    /**
     * What the webhooks made of one incident's notices.
     *
     * @param accepted the notices accepted now
     * @param openedComplete every webhook has the opening notice now
     * @param resolvedComplete every webhook has the recovery notice now
     */
    private record IncidentDelivery(
            PendingIncident incident,
            List<Accepted> accepted,
            boolean openedComplete,
            boolean resolvedComplete,
            int rejected) {}

    /** One webhook's part: whether it has each notice now, and what it accepted in this run. */
    private record TargetDelivery(boolean hasOpened, boolean hasResolved, List<Accepted> accepted, int rejected) {}

    private Uni<Notices> notifyPending(SqlConnection connection) {
        // The HTTP client completes on its own threads; the connection continues on its event loop.
        Context context = Vertx.currentContext();
        return incidents.pending(connection, MAX_INCIDENTS_NOTIFIED_PER_RUN).chain(pending -> {
            if (pending.isEmpty()) {
                return Uni.createFrom().item(new Notices(0, 0));
            }
            List<Uni<IncidentDelivery>> deliveries =
                    pending.stream().map(this::deliver).toList();
            return Uni.join()
                    .all(deliveries)
                    .andFailFast()
                    .emitOn(command -> {
                        if (context == null) {
                            command.run();
                        } else {
                            context.runOnContext(ignored -> command.run());
                        }
                    })
                    .chain(done -> record(connection, done));
        });
    }

    private Uni<Notices> record(SqlConnection connection, List<IncidentDelivery> deliveries) {
        List<Accepted> accepted = new ArrayList<>();
        List<Long> openedComplete = new ArrayList<>();
        List<Long> resolvedComplete = new ArrayList<>();
        int rejected = 0;
        for (IncidentDelivery delivery : deliveries) {
            accepted.addAll(delivery.accepted());
            rejected += delivery.rejected();
            if (delivery.openedComplete() && !delivery.incident().openedNotified()) {
                openedComplete.add(delivery.incident().id());
            }
            if (delivery.resolvedComplete()) {
                resolvedComplete.add(delivery.incident().id());
            }
        }
        int rejectedNotices = rejected;
        return incidents
                .recordDeliveries(connection, accepted, openedComplete, resolvedComplete)
                .map(ignored -> new Notices(accepted.size(), rejectedNotices));
    }

    /** Sends an incident's owed notices to every webhook at once; never fails. */
    private Uni<IncidentDelivery> deliver(PendingIncident incident) {
        if (targets.isEmpty()) {
            // Nobody to tell: the transitions count as notified, so that a webhook configured later
            // does not receive a backlog of old news.
            return Uni.createFrom().item(new IncidentDelivery(incident, List.of(), true, incident.isClosed(), 0));
        }
        List<Uni<TargetDelivery>> perTarget =
                targets.stream().map(target -> deliver(incident, target)).toList();
        return Uni.join().all(perTarget).andFailFast().map(done -> {
            List<Accepted> accepted = new ArrayList<>();
            done.forEach(d -> accepted.addAll(d.accepted()));
            return new IncidentDelivery(
                    incident,
                    accepted,
                    done.stream().allMatch(TargetDelivery::hasOpened),
                    incident.isClosed() && done.stream().allMatch(TargetDelivery::hasResolved),
                    done.stream().mapToInt(TargetDelivery::rejected).sum());
        });
    }

    /**
     * One webhook gets the opening notice, then, once it has accepted that and the incident is
     * closed, the recovery notice: it never reads a recovery before the problem.
     */
    private Uni<TargetDelivery> deliver(PendingIncident incident, WebhookTarget target) {
        String id = target.id();
        // A webhook added after every other one had the opening notice only gets the recovery.
        boolean hadOpened =
                incident.openedNotified() || incident.openedAccepted().contains(id);
        Uni<Boolean> opened = hadOpened
                ? Uni.createFrom().item(true)
                : notifier.send(target, QualityNotice.of(incident, State.OPENED, thresholds));
        return opened.chain(hasOpened -> {
            List<Accepted> accepted = new ArrayList<>();
            if (!hadOpened && hasOpened) {
                accepted.add(new Accepted(incident.id(), State.OPENED, id));
            }
            int rejected = hasOpened ? 0 : 1;
            if (!hasOpened || !incident.isClosed()) {
                return Uni.createFrom().item(new TargetDelivery(hasOpened, false, accepted, rejected));
            }
            if (incident.resolvedAccepted().contains(id)) {
                return Uni.createFrom().item(new TargetDelivery(true, true, accepted, rejected));
            }
            return notifier.send(target, QualityNotice.of(incident, State.RESOLVED, thresholds))
                    .map(hasResolved -> {
                        if (hasResolved) {
                            accepted.add(new Accepted(incident.id(), State.RESOLVED, id));
                        }
                        return new TargetDelivery(true, hasResolved, accepted, hasResolved ? 0 : 1);
                    });
        });
    }
}
