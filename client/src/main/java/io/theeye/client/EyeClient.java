package io.theeye.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends events to The Eye's ingest service without ever making the caller wait for the network.
 *
 * <p>{@link #track} writes the event and queues it; sender threads send the queue in batches (by
 * count, bytes and linger time) and resend a batch after a 5xx, a 429 or an I/O error, with jittered
 * exponential backoff that honours Retry-After. An event keeps its {@code event_id} across every
 * resend, so the server stores it once however often it was sent. Other answers are final: refused
 * events go to the {@link RejectionListener} with the server's reason. {@link #flush} waits until
 * everything queued is settled; {@link #close()} stops taking events, delivers what is queued and
 * only then stops. Thread-safe.
 *
 * <pre>{@code
 * try (EyeClient eye = EyeClient.builder(URI.create("http://localhost:8080"), key)
 *         .onRejected(r -> log.warn("event {} refused: {}", r.eventId(), r.message()))
 *         .closeOnShutdown(true)
 *         .build()) {
 *     eye.pageView(sessionId, "www.example.com", "/");
 * }
 * }</pre>
 */
public final class EyeClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EyeClient.class.getName());
    private static final Duration SENDER_EXIT_WAIT = Duration.ofSeconds(5);

    private final ClientSettings settings;
    private final EventWriter writer;
    private final EventQueue queue;
    private final ClientCounters counters;
    private final Reporter reporter;
    private final List<Thread> senders;
    private final Thread shutdownHook;
    private boolean closed;

    private EyeClient(ClientSettings settings, RejectionListener listener) {
        this.settings = settings;
        ObjectMapper mapper = new ObjectMapper();
        this.writer = new EventWriter(mapper);
        this.queue = new EventQueue(settings);
        this.counters = new ClientCounters();
        this.reporter = new Reporter(listener, counters);
        // HTTP/1.1: ingest speaks it everywhere, and an h2c upgrade attempt only costs a round trip.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
        List<Thread> threads = new ArrayList<>(settings.senders());
        for (int i = 1; i <= settings.senders(); i++) {
            // Daemon threads: a host that forgets close() still exits; closeOnShutdown saves its events.
            Thread thread = new Thread(
                    new BatchSender(queue, writer, http, mapper, settings, counters, reporter),
                    "eye-client-sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        this.senders = List.copyOf(threads);
        this.shutdownHook = settings.closeOnShutdown() ? new Thread(this::close, "eye-client-shutdown") : null;
    }

    /** A builder for a client of the ingest service at {@code ingestUrl}, sending as the application with this key. */
    public static Builder builder(URI ingestUrl, String applicationKey) {
        return new Builder(ingestUrl, applicationKey);
    }

    private EyeClient start() {
        senders.forEach(Thread::start);
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /**
     * Queues an event for sending and returns at once (or, under {@link QueueFullPolicy#waitUpTo},
     * after waiting at most that long for room).
     *
     * @return true when the event is queued; false when it was dropped (queue full, client closed)
     *     or rejected for its size (then the listener was told)
     * @throws IllegalArgumentException if the event's data cannot be written as JSON
     */
    public boolean track(Event event) {
        Objects.requireNonNull(event, "event");
        byte[] json = writer.write(event);
        counters.tracked.increment();
        int batchBytes = EventWriter.BATCH_OVERHEAD + EventWriter.wireBytes(json);
        if (json.length > settings.maxEventBytes() || batchBytes > settings.maxBatchBytes()) {
            reporter.tooLarge(
                    event,
                    json,
                    "the event is " + json.length + " bytes; at most " + settings.maxEventBytes()
                            + " may be sent (maxEventBytes, within maxBatchBytes " + settings.maxBatchBytes() + ")");
            return false;
        }
        PendingEvent queued;
        try {
            queued = queue.offer(event.eventId(), json, settings.whenQueueFull().maxWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = null;
        }
        if (queued == null) {
            counters.dropped.increment();
            return false;
        }
        return true;
    }

    /** Tracks a page view now. */
    public boolean pageView(UUID sessionId, String host, String path) {
        return track(Event.pageView(sessionId, host, path));
    }

    /** Tracks a call-to-action click now. */
    public boolean ctaClick(UUID sessionId, String host, String path, String element) {
        return track(Event.ctaClick(sessionId, host, path, element));
    }

    /** Tracks a form submit now; {@code form} holds the form's fields. */
    public boolean formSubmit(UUID sessionId, String host, String path, Map<String, ?> form) {
        return track(Event.formSubmit(sessionId, host, path, form));
    }

    /**
     * Sends everything queued without waiting for linger times, and waits until every event tracked
     * before this call is settled (acknowledged by the server or reported to the listener), or the
     * timeout passes. Events that are being retried keep their backoff: flush does not hurry past a
     * server's Retry-After.
     */
    public FlushResult flush(Duration timeout) {
        return queue.awaitSettled(Objects.requireNonNull(timeout, "timeout"));
    }

    /** {@link #close(Duration)} with the configured {@link ClientSettings#closeTimeout()}. */
    @Override
    public void close() {
        close(settings.closeTimeout());
    }

    /**
     * Stops taking events (later {@code track} calls drop), delivers everything queued, and then
     * stops the sender threads. Events still unacknowledged when the timeout passes are reported to
     * the listener as {@link Rejection#NOT_DELIVERED} and counted as abandoned. Calling it again
     * only reports the first call's outcome anew.
     */
    public synchronized FlushResult close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (closed) {
            return queue.awaitSettled(Duration.ZERO);
        }
        closed = true;
        queue.close();
        FlushResult result = queue.awaitSettled(timeout);
        reporter.abandoned(queue.stop());
        if (!result.completed()) {
            LOG.log(
                    Level.WARNING,
                    "closed with {0} events not acknowledged within {1} ms",
                    result.outstanding(),
                    timeout.toMillis());
            // Senders waiting on a request or a backoff give up their batches now.
            senders.forEach(Thread::interrupt);
        }
        for (Thread sender : senders) {
            if (sender != Thread.currentThread()) {
                join(sender);
            }
        }
        removeShutdownHook();
        return result;
    }

    /** The counters now. */
    public ClientStats stats() {
        return counters.snapshot(queue);
    }

    /** What this client was built with. */
    public ClientSettings settings() {
        return settings;
    }

    private void join(Thread sender) {
        try {
            sender.join(SENDER_EXIT_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and the hook runs anyway; it finds the client closed.
        }
    }

    /** Builds an {@link EyeClient}; every setting has a default that suits ingest's default limits. */
    public static final class Builder {

        private final URI ingestUrl;
        private final String applicationKey;
        private int maxBatchEvents = 500;
        private int maxBatchBytes = 512 * 1024;
        private Duration linger = Duration.ofMillis(250);
        private int maxEventBytes = 32 * 1024;
        private int queueCapacity = 10_000;
        private long queueMaxBytes = 16L * 1024 * 1024;
        private QueueFullPolicy whenQueueFull = QueueFullPolicy.drop();
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private int senders = 1;
        private boolean closeOnShutdown;
        private RejectionListener onRejected = Builder::logRejection;

        private Builder(URI ingestUrl, String applicationKey) {
            this.ingestUrl = ingestUrl;
            this.applicationKey = applicationKey;
        }

        /** Send a batch once it holds this many events (default 500, ingest's limit). */
        public Builder maxBatchEvents(int events) {
            this.maxBatchEvents = events;
            return this;
        }

        /** Never send a request body larger than this (default 512 KiB, ingest's limit). */
        public Builder maxBatchBytes(int bytes) {
            this.maxBatchBytes = bytes;
            return this;
        }

        /** Send a batch that is not full this long after its oldest event was queued (default 250 ms). */
        public Builder linger(Duration linger) {
            this.linger = linger;
            return this;
        }

        /** Reject at once, rather than queue, an event larger than this as JSON (default 32 KiB, ingest's limit). */
        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = bytes;
            return this;
        }

        /** Hold at most this many events waiting to be sent (default 10,000). */
        public Builder queueCapacity(int events) {
            this.queueCapacity = events;
            return this;
        }

        /** Hold at most this many bytes of events waiting to be sent (default 16 MiB). */
        public Builder queueMaxBytes(long bytes) {
            this.queueMaxBytes = bytes;
            return this;
        }

        /** What {@code track} does when the queue is full (default: drop at once and count). */
        public Builder whenQueueFull(QueueFullPolicy policy) {
            this.whenQueueFull = policy;
            return this;
        }

        /** The first retry's wait and the longest (defaults 100 ms and 30 s); the server's Retry-After wins. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The longest wait for a connection (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The longest wait for an answer before the batch is retried (default 10 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** How long {@link EyeClient#close()} and the shutdown hook wait for delivery (default 30 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /** How many batches may be in flight at once, one thread each (default 1, which keeps order). */
        public Builder senders(int senders) {
            this.senders = senders;
            return this;
        }

        /** Close the client when the JVM exits, delivering what is queued (default false). */
        public Builder closeOnShutdown(boolean closeOnShutdown) {
            this.closeOnShutdown = closeOnShutdown;
            return this;
        }

        /** Told about every event that will not be delivered (default: logged as a warning). */
        public Builder onRejected(RejectionListener listener) {
            this.onRejected = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Checks the settings, starts the sender threads and registers the shutdown hook if asked. */
        public EyeClient build() {
            ClientSettings settings = new ClientSettings(
                    ingestUrl,
                    applicationKey,
                    maxBatchEvents,
                    maxBatchBytes,
                    linger,
                    maxEventBytes,
                    queueCapacity,
                    queueMaxBytes,
                    whenQueueFull,
                    initialBackoff,
                    maxBackoff,
                    connectTimeout,
                    requestTimeout,
                    closeTimeout,
                    senders,
                    closeOnShutdown);
            return new EyeClient(settings, onRejected).start();
        }

        private static void logRejection(Rejection rejection) {
            LOG.log(
                    Level.WARNING,
                    "event {0} not delivered ({1} {2}): {3}",
                    rejection.eventId(),
                    rejection.status(),
                    rejection.code(),
                    rejection.message());
        }
    }
}
