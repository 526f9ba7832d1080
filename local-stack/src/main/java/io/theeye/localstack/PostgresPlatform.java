package io.theeye.localstack;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The platforms whose PostgreSQL binaries (zonky's bundles) come with the local stack, and the
 * choice among them for the machine it runs on: Linux or macOS, on x86-64 or 64-bit ARM.
 */
enum PostgresPlatform implements PgBinaryResolver {
    LINUX_AMD64("linux", "x86_64"),
    LINUX_ARM64("linux", "arm_64"),
    DARWIN_AMD64("darwin", "x86_64"),
    DARWIN_ARM64("darwin", "arm_64");

    private final String system;
    private final String hardware;

    PostgresPlatform(String system, String hardware) {
        this.system = system;
        this.hardware = hardware;
    }

    /** This machine's platform, from the JVM's {@code os.name} and {@code os.arch}. */
    static PostgresPlatform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The platform for an {@code os.name} and {@code os.arch}; unsupported ones are refused, naming the supported. */
    static PostgresPlatform of(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system =
                os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os;
        String hardware = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> osArch;
        };
        return Arrays.stream(values())
                .filter(p -> p.system.equals(system) && p.hardware.equals(hardware))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries for " + osName + " on " + osArch
                        + "; the local stack runs on "
                        + Arrays.stream(values()).map(PostgresPlatform::label).collect(Collectors.joining(", "))));
    }

    /** The bundle's name inside zonky's binaries jar for this platform. */
    String bundle() {
        return "postgres-" + system + "-" + hardware + ".txz";
    }

    String label() {
        return system + "-" + hardware;
    }

    /** This platform's bundle, whatever zonky itself guessed the platform to be. */
    @Override
    public InputStream getPgBinary(String zonkySystem, String zonkyHardware) throws IOException {
        InputStream bundle = PostgresPlatform.class.getResourceAsStream("/" + bundle());
        if (bundle == null) {
            throw new IOException(
                    bundle() + " is not on the classpath (io.zonky.test.postgres binaries for " + label() + ")");
        }
        return bundle;
    }
}
