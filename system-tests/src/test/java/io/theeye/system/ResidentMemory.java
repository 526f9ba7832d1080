package io.theeye.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** A process's resident memory (VmRSS in /proc, Linux), sampled on a thread of its own until closed. */
final class ResidentMemory implements AutoCloseable {

    private final long pid;
    private final AtomicLong peakKb = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private ResidentMemory(long pid, long everyMillis) {
        this.pid = pid;
        this.sampler = new Thread(
                () -> {
                    while (running) {
                        peakKb.accumulateAndGet(kilobytes(pid), Math::max);
                        try {
                            Thread.sleep(everyMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "rss-sampler-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Samples the process every {@code everyMillis} from now on. */
    static ResidentMemory sample(long pid, long everyMillis) {
        return new ResidentMemory(pid, everyMillis);
    }

    /** The highest resident memory seen so far, in MiB. */
    long peakMib() {
        return Math.max(peakKb.get(), kilobytes(pid)) / 1024;
    }

    /** The process's resident memory now, in MiB. */
    static long nowMib(long pid) {
        return kilobytes(pid) / 1024;
    }

    private static long kilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException gone) {
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
