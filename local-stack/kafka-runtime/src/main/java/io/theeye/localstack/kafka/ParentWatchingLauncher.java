package io.theeye.localstack.kafka;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a main class in this JVM and exits when the parent process is gone, so that a broker
 * started for a test never outlives a test JVM that was killed with SIGKILL.
 *
 * <p>Usage: {@code ParentWatchingLauncher <parent pid> <main class> [args...]}.
 */
public final class ParentWatchingLauncher {

    private ParentWatchingLauncher() {}

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
        if (parent == null) {
            System.err.println("parent process " + parentPid + " is already gone");
            System.exit(3);
        }
        Thread watcher = new Thread(
                () -> {
                    parent.onExit().join();
                    System.err.println("parent process " + parentPid + " exited; stopping");
                    // Regular exit runs the broker's shutdown hook: a clean stop, not a crash.
                    System.exit(0);
                },
                "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
