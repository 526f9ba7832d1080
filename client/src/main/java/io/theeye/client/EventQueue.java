package io.theeye.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's bounded queue and its ledger of batches in flight. One lock guards both, so an event
 * is always either waiting, in a batch in flight, or settled, and flush can tell exactly when every
 * event queued before it is settled.
 */
final class EventQueue {

    private final ReentrantLock lock = new ReentrantLock();
    // Senders wait here for a first event, a full batch, the end of a linger time, or flush and close.
    private final Condition eventsArrived = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    private final Condition batchSettled = lock.newCondition();

    private final ArrayDeque<PendingEvent> waiting = new ArrayDeque<>();
    private final List<Batch> inFlight = new ArrayList<>();
    private final int capacity;
    private final long capacityBytes;
    private final int batchEvents;
    private final int batchEventBytes;
    private final long lingerNanos;

    private long waitingBytes;
    private long lastSequence;
    // Events up to this sequence are sent without waiting for their linger time (a flush asked).
    private long hurryUpTo;
    private boolean closed;
    private boolean stopped;

    EventQueue(ClientSettings settings) {
        this.capacity = settings.queueCapacity();
        this.capacityBytes = settings.queueMaxBytes();
        this.batchEvents = settings.maxBatchEvents();
        this.batchEventBytes = settings.maxBatchBytes() - EventWriter.BATCH_OVERHEAD;
        this.lingerNanos = settings.linger().toNanos();
    }

    /**
     * Queues a written event, waiting up to {@code maxWait} for room.
     *
     * @return the queued event, or null when there was no room in time or the queue is closed
     */
    PendingEvent offer(UUID eventId, byte[] json, Duration maxWait) throws InterruptedException {
        int wireBytes = EventWriter.wireBytes(json);
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            while (!closed && !hasRoomFor(wireBytes)) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = roomFreed.awaitNanos(nanos);
            }
            if (closed) {
                return null;
            }
            boolean wasEmpty = waiting.isEmpty();
            PendingEvent event = new PendingEvent(++lastSequence, eventId, json, wireBytes, System.nanoTime());
            waiting.addLast(event);
            waitingBytes += wireBytes;
            // Wake a sender only when there is news for it, not on every event: a first event to
            // linger on, or a batch that is full.
            if (wasEmpty || batchIsFull()) {
                eventsArrived.signal();
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a batch is due and takes it: full by count or bytes, its oldest event's linger
     * time passed, or flush or close asked. The batch is in flight until {@link #settle}.
     *
     * @return the batch, or null when the sender should stop (stopped, or closed and empty)
     */
    Batch nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopped) {
                    return null;
                }
                PendingEvent oldest = waiting.peekFirst();
                if (oldest == null) {
                    if (closed) {
                        return null;
                    }
                    eventsArrived.await();
                    continue;
                }
                long lingerLeft = oldest.queuedAtNanos() + lingerNanos - System.nanoTime();
                if (lingerLeft <= 0 || closed || oldest.sequence() <= hurryUpTo || batchIsFull()) {
                    break;
                }
                eventsArrived.awaitNanos(lingerLeft);
            }
            List<PendingEvent> events = new ArrayList<>(Math.min(batchEvents, waiting.size()));
            int bytes = 0;
            while (!waiting.isEmpty() && events.size() < batchEvents) {
                PendingEvent next = waiting.peekFirst();
                if (!events.isEmpty() && bytes + next.wireBytes() > batchEventBytes) {
                    break;
                }
                waiting.removeFirst();
                events.add(next);
                bytes += next.wireBytes();
                waitingBytes -= next.wireBytes();
            }
            Batch batch = new Batch(events);
            inFlight.add(batch);
            roomFreed.signalAll();
            if (!waiting.isEmpty()) {
                // What is left is the next batch: another sender may take it or linger on it.
                eventsArrived.signal();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** The batch is settled: acknowledged, rejected or abandoned. */
    void settle(Batch batch) {
        lock.lock();
        try {
            inFlight.removeIf(each -> each == batch);
            batchSettled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends every event queued so far without lingering and waits until all of them are settled,
     * or the timeout passes. An interrupt ends the wait early (the flag stays set).
     */
    FlushResult awaitSettled(Duration timeout) {
        lock.lock();
        try {
            long target = lastSequence;
            if (target > hurryUpTo) {
                hurryUpTo = target;
                eventsArrived.signalAll();
            }
            long nanos = timeout.toNanos();
            while (true) {
                int outstanding = outstandingUpTo(target);
                if (outstanding == 0) {
                    return new FlushResult(true, 0);
                }
                if (nanos <= 0) {
                    return new FlushResult(false, outstanding);
                }
                try {
                    nanos = batchSettled.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new FlushResult(false, outstandingUpTo(target));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more events: senders send what is queued without lingering, then end. */
    void close() {
        lock.lock();
        try {
            closed = true;
            eventsArrived.signalAll();
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Senders end after their current attempt; the events still waiting are handed back. */
    List<PendingEvent> stop() {
        lock.lock();
        try {
            closed = true;
            stopped = true;
            List<PendingEvent> left = new ArrayList<>(waiting);
            waiting.clear();
            waitingBytes = 0;
            eventsArrived.signalAll();
            roomFreed.signalAll();
            batchSettled.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            int events = 0;
            for (Batch batch : inFlight) {
                events += batch.size();
            }
            return events;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasRoomFor(int wireBytes) {
        // An event larger than the byte bound still gets in alone, or it could never be sent.
        return waiting.size() < capacity && (waiting.isEmpty() || waitingBytes + wireBytes <= capacityBytes);
    }

    private boolean batchIsFull() {
        return waiting.size() >= batchEvents || waitingBytes > batchEventBytes;
    }

    private int outstandingUpTo(long sequence) {
        int outstanding = 0;
        for (PendingEvent event : waiting) {
            if (event.sequence() > sequence) {
                break;
            }
            outstanding++;
        }
        for (Batch batch : inFlight) {
            for (PendingEvent event : batch.events()) {
                if (event.sequence() > sequence) {
                    break;
                }
                outstanding++;
            }
        }
        return outstanding;
    }
}
