package io.theeye.service.logging;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Logs when something a service retries starts failing and when it works again, once each,
 * rather than a line (or a stack trace) at every failed attempt of an outage.
 */
public final class OutageLog {

    private final Logger log;
    private final AtomicBoolean failing = new AtomicBoolean();

    public OutageLog(Logger log) {
        this.log = log;
    }

    /** A failed attempt: a warning when it starts an outage, nothing while the outage lasts. */
    public void failed(String format, Object... parameters) {
        if (!failing.getAndSet(true)) {
            log.warnf(format, parameters);
        }
    }

    /** A successful attempt: a line when it ends an outage, nothing otherwise. */
    public void worked(String format, Object... parameters) {
        if (failing.getAndSet(false)) {
            log.infof(format, parameters);
        }
    }

    /** True from a failed attempt until the next successful one. */
    public boolean failing() {
        return failing.get();
    }
}
