package io.theeye.client.example;

import io.theeye.client.EyeClient;
import io.theeye.client.FlushResult;
import io.theeye.client.QueueFullPolicy;
import io.theeye.client.Rejection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * A command-line app that simulates visitors browsing a web shop and sends their events through
 * {@link EyeClient} at a steady rate; also the load generator for bench/ and the fault tests.
 * {@code java -cp ... io.theeye.client.example.SessionSimulator --help} says how to use it.
 */
public final class SessionSimulator {

    private final SimulatorOptions options;

    /** A simulation of these options; {@link #run} runs it. */
    public SessionSimulator(SimulatorOptions options) {
        this.options = options;
    }

    /** Runs a simulation from the command line; {@code --help} lists the options. */
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(SimulatorOptions.USAGE);
            return;
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        SimulationReport report = new SessionSimulator(options).run(System.err);
        System.out.println(report.describe());
        System.exit(report.allSettled() ? 0 : 1);
    }

    /** Sends for the configured duration, then closes the client and reports; progress goes to {@code log}. */
    public SimulationReport run(PrintStream log) {
        Random random = new Random(options.seed());
        EyeClient client = EyeClient.builder(options.ingestUrl(), options.applicationKey())
                .maxBatchEvents(options.batchEvents())
                .linger(options.linger())
                .senders(options.senders())
                .queueCapacity(options.queueCapacity())
                // A load generator should push back on itself, not count drops, when ingest is slow.
                .whenQueueFull(QueueFullPolicy.waitUpTo(Duration.ofSeconds(5)))
                .closeTimeout(options.closeTimeout())
                .onRejected(rejection -> log.printf(
                        "%s %s: %d %s %s%n",
                        Rejection.NOT_DELIVERED.equals(rejection.code()) ? "not delivered" : "rejected",
                        rejection.eventId(),
                        rejection.status(),
                        rejection.code(),
                        rejection.message()))
                .build();

        List<SimulatedVisitor> visitors = new ArrayList<>(options.sessions());
        for (int i = 0; i < options.sessions(); i++) {
            visitors.add(new SimulatedVisitor(random));
        }
        int sessions = options.sessions();
        long bad = 0;
        long intervalNanos = Math.max(1, (long) (1_000_000_000L / options.rate()));
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long nextProgress = start + 5_000_000_000L;
        for (long i = 0; ; i++) {
            long due = start + i * intervalNanos;
            if (due >= end) {
                break;
            }
            // Catch up without sleeping when behind: the rate is kept on average.
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = random.nextInt(visitors.size());
            SimulatedVisitor visitor = visitors.get(slot);
            boolean makeBad = random.nextDouble() < options.badShare();
            if (makeBad) {
                bad++;
            }
            client.track(visitor.next(random, makeBad));
            if (visitor.isDone()) {
                visitors.set(slot, new SimulatedVisitor(random));
                sessions++;
            }
            if (System.nanoTime() >= nextProgress) {
                log.printf("%s%n", client.stats());
                nextProgress += 5_000_000_000L;
            }
        }
        FlushResult closed = client.close(options.closeTimeout());
        return new SimulationReport(Duration.ofNanos(System.nanoTime() - start), sessions, bad, closed, client.stats());
    }
}
