package io.theeye.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The stack's passwords: the schema owner's (used only to migrate), one PostgreSQL role and one
 * Kafka user per service, and the broker's operator. Random on first use and kept in the data
 * directory, so a persistent stack restarts with the same ones and every process that knows the
 * data directory (a restarted broker, test code in another class loader) finds them.
 */
public final class StackCredentials {

    /** The role that owns the database and the schema; only migrations connect as it. */
    public static final String MIGRATION_ROLE = "eye";

    /** The broker's operator (a super user): creates topics, users and ACLs; no service uses it. */
    public static final String KAFKA_OPERATOR = "admin";

    private static final String FILE = "credentials.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties passwords;

    private StackCredentials(Properties passwords) {
        this.passwords = passwords;
    }

    /** Loads the passwords kept in the directory, creating any that are missing. */
    public static synchronized StackCredentials inDirectory(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        Properties passwords = new Properties();
        try {
            Files.createDirectories(dataDirectory);
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    passwords.load(in);
                }
            }
            boolean added = false;
            added |= ensure(passwords, databaseKey(MIGRATION_ROLE));
            added |= ensure(passwords, kafkaKey(KAFKA_OPERATOR));
            for (EyeService service : EyeService.values()) {
                added |= ensure(passwords, databaseKey(service.databaseRole()));
                if (service.kafkaUser().isPresent()) {
                    added |= ensure(passwords, kafkaKey(service.kafkaUser().get()));
                }
            }
            if (added) {
                try (Writer out = Files.newBufferedWriter(file)) {
                    passwords.store(out, "The Eye local stack: throwaway passwords for this data directory only");
                }
                restrictToOwner(file);
            }
            return new StackCredentials(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the stack's passwords in " + file, e);
        }
    }

    /** The password of a PostgreSQL role. */
    public String databasePassword(String role) {
        return require(databaseKey(role));
    }

    /** The password of a Kafka user. */
    public String kafkaPassword(String user) {
        return require(kafkaKey(user));
    }

    /** The schema owner's password. */
    public String migrationPassword() {
        return databasePassword(MIGRATION_ROLE);
    }

    /** The broker operator's password. */
    public String kafkaOperatorPassword() {
        return kafkaPassword(KAFKA_OPERATOR);
    }

    private String require(String key) {
        String value = passwords.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no password for " + key);
        }
        return value;
    }

    private static boolean ensure(Properties passwords, String key) {
        if (passwords.getProperty(key) != null) {
            return false;
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        // Hex: safe inside JAAS quotes, SQL literals, URLs and env files without escaping.
        passwords.setProperty(key, HexFormat.of().formatHex(bytes));
        return true;
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the data directory's own permissions apply.
        }
    }

    private static String databaseKey(String role) {
        return "postgres." + role;
    }

    private static String kafkaKey(String user) {
        return "kafka." + user;
    }
}
