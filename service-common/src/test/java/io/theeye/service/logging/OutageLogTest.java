package io.theeye.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class OutageLogTest {

    /** Keeps every line it is asked to log. */
    private static final class RecordingLogger extends Logger {
        final List<String> lines = new ArrayList<>();

        RecordingLogger() {
            super("test");
        }

        @Override
        protected void doLog(Level level, String loggerClassName, Object message, Object[] parameters, Throwable t) {
            lines.add(level + " " + message);
        }

        @Override
        protected void doLogf(Level level, String loggerClassName, String format, Object[] parameters, Throwable t) {
            lines.add(level + " " + String.format(format, parameters));
        }

        @Override
        public boolean isEnabled(Level level) {
            return true;
        }
    }

    @Test
    void logsTheStartAndTheEndOfAnOutageOnceEach() {
        RecordingLogger logger = new RecordingLogger();
        OutageLog outage = new OutageLog(logger);

        outage.worked("back");
        outage.failed("down: %s", "refused");
        outage.failed("down: %s", "refused again");
        assertThat(outage.failing()).isTrue();
        outage.worked("back after %d attempts", 2);
        outage.worked("back");

        assertThat(logger.lines).containsExactly("WARN down: refused", "INFO back after 2 attempts");
        assertThat(outage.failing()).isFalse();
    }
}
