package io.theeye.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live viewers that read their stream slowly (a small receive buffer, a few hundred bytes every
 * 100 ms), as a browser on a poor link would, and reconnect a second after the server ends their
 * stream or refuses them, as the console does. Counts what happened to them.
 */
final class SlowViewers implements AutoCloseable {

    private static final int READ_BYTES = 256;
    private static final long READ_EVERY_MILLIS = 100;

    private final URI live;
    private final String token;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger toldDropped = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private volatile boolean running = true;

    private SlowViewers(URI live, String token) {
        this.live = live;
        this.token = token;
    }

    /** Starts {@code count} slow viewers of every decided event. */
    static SlowViewers start(URI live, String token, int count) {
        SlowViewers viewers = new SlowViewers(live, token);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(viewers::run, "slow-viewer-" + i);
            thread.setDaemon(true);
            viewers.threads.add(thread);
            thread.start();
        }
        return viewers;
    }

    /** Streams that got a 200. */
    int connected() {
        return connected.get();
    }

    /** Connections refused with 503 (the instance served its maximum). */
    int refused() {
        return refused.get();
    }

    /** Streams whose last message said they were dropped for being slow. */
    int toldDropped() {
        return toldDropped.get();
    }

    /** Streams the server ended (told or not). */
    int ended() {
        return ended.get();
    }

    private void run() {
        while (running) {
            try (Socket socket = new Socket()) {
                sockets.add(socket);
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress(live.getHost(), live.getPort()), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + live.getRawPath() + " HTTP/1.1\r\nHost: " + live.getHost()
                                + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readSlowly(socket.getInputStream());
            } catch (IOException e) {
                // connection cut: reconnect like the console
            } finally {
                sockets.removeIf(Socket::isClosed);
            }
            pause(1_000);
        }
    }

    private void readSlowly(InputStream in) throws IOException {
        byte[] buffer = new byte[READ_BYTES];
        String tail = "";
        boolean first = true;
        while (running) {
            int n = in.read(buffer);
            if (n < 0) {
                ended.incrementAndGet();
                return;
            }
            String text = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            if (first) {
                first = false;
                if (text.startsWith("HTTP/1.1 503")) {
                    refused.incrementAndGet();
                    return;
                }
                connected.incrementAndGet();
            }
            if (text.contains("event:dropped")) {
                toldDropped.incrementAndGet();
            }
            tail = text.substring(Math.max(0, text.length() - 16));
            pause(READ_EVERY_MILLIS);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (sockets) {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
