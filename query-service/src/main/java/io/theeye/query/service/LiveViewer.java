package io.theeye.query.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One viewer's stream: a bounded queue between the shared consumer and the viewer's connection.
 * Offering never waits; the queue is sent as fast as the connection takes it (one message per
 * request of the HTTP layer, which asks for the next once the previous one was written). A viewer
 * whose queue is full is not waited for: the hub drops it.
 */
public final class LiveViewer {

    private final LiveFilter filter;
    private final int maxMessages;
    private final long maxBytes;
    private final Executor executor;
    private final Consumer<LiveViewer> onEnd;
    private final Runnable forceClose;
    private final Queue<LiveMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger drains = new AtomicInteger();
    private final long openedAt = System.nanoTime();
    private volatile MultiEmitter<? super LiveMessage> emitter;
    private volatile long lastQueuedAt = System.nanoTime();
    private volatile long endingSince;

    /**
     * @param executor where messages are handed to the connection (its event loop)
     * @param onEnd told once when the stream ends, however it ends
     * @param forceClose closes the connection of a viewer that does not even take its last message
     */
    LiveViewer(
            LiveFilter filter,
            int maxMessages,
            long maxBytes,
            Executor executor,
            Consumer<LiveViewer> onEnd,
            Runnable forceClose) {
        this.filter = filter;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.executor = executor;
        this.onEnd = onEnd;
        this.forceClose = forceClose;
    }

    /** The stream: one subscriber, which the HTTP layer is. */
    public Multi<LiveMessage> messages() {
        return Multi.createFrom().<LiveMessage>emitter(this::attach, BackPressureStrategy.ERROR);
    }

    private void attach(MultiEmitter<? super LiveMessage> attached) {
        attached.onRequest(n -> drain());
        attached.onTermination(() -> {
            queue.clear();
            onEnd.accept(this);
        });
        emitter = attached;
        drain();
    }

    LiveFilter filter() {
        return filter;
    }

    /** Queues an event; false when the viewer is too far behind to take it. */
    boolean offer(LiveEvent event) {
        if (endingSince != 0) {
            return true;
        }
        long size = event.size();
        if (queued.get() >= maxMessages || queuedBytes.get() + size > maxBytes) {
            return false;
        }
        queuedBytes.addAndGet(size);
        enqueue(new LiveMessage.Event(event));
        return true;
    }

    /** Queues a message that is not an event (the opening, a heartbeat): small, never refused. */
    void send(LiveMessage message) {
        if (endingSince == 0) {
            enqueue(message);
        }
    }

    /** Ends the stream: what is queued is dropped, the reason is sent, then the stream completes. */
    void end(LiveMessage.Dropped reason) {
        if (endingSince != 0) {
            return;
        }
        queue.clear();
        queued.set(0);
        queuedBytes.set(0);
        queue.add(reason);
        queued.incrementAndGet();
        endingSince = System.nanoTime();
        drain();
    }

    /** Nothing was queued for this long (heartbeats count). */
    boolean quietFor(long nanos, long now) {
        return now - lastQueuedAt >= nanos;
    }

    /**
     * Ended longer ago than {@code nanos} and still not done (its connection takes nothing, not
     * even the last message), or never subscribed in that time: its connection is closed.
     */
    boolean stuck(long nanos, long now) {
        long since = endingSince;
        return (since != 0 && now - since >= nanos) || (emitter == null && now - openedAt >= nanos);
    }

    /** Closes the connection under a stream that cannot end by itself. */
    void close() {
        forceClose.run();
        onEnd.accept(this);
    }

    private void enqueue(LiveMessage message) {
        queue.add(message);
        queued.incrementAndGet();
        lastQueuedAt = System.nanoTime();
        drain();
    }

    /** Hands queued messages to the connection as far as it asks for them; one drain at a time. */
    private void drain() {
        if (drains.getAndIncrement() == 0) {
            executor.execute(this::drainLoop);
        }
    }

    private void drainLoop() {
        int missed = 1;
        do {
            MultiEmitter<? super LiveMessage> out = emitter;
            if (out != null && !out.isCancelled()) {
                while (out.requested() > 0) {
                    LiveMessage message = queue.poll();
                    if (message == null) {
                        break;
                    }
                    queued.decrementAndGet();
                    if (message instanceof LiveMessage.Event event) {
                        queuedBytes.addAndGet(-event.event().size());
                    }
                    out.emit(message);
                }
                if (endingSince != 0 && queue.isEmpty()) {
                    out.complete();
                }
            }
            missed = drains.addAndGet(-missed);
        } while (missed != 0);
    }
}
