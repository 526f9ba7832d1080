package io.theeye.query;

import io.theeye.localstack.JwtIssuer;
import io.theeye.localstack.LocalStackTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** Bearer tokens for each kind of caller the auth matrix distinguishes. */
final class Tokens {

    private Tokens() {}

    static String analyst() {
        return LocalStackTestResource.jwt().token("ana", "analyst", Duration.ofMinutes(10));
    }

    static String admin() {
        return LocalStackTestResource.jwt().token("adam", "admin", Duration.ofMinutes(10));
    }

    static String expiredAdmin() {
        return LocalStackTestResource.jwt().expiredToken("adam", "admin");
    }

    /** A well-formed admin token signed by a key the service does not trust. */
    static String wronglySignedAdmin() {
        try {
            return JwtIssuer.inDirectory(Files.createTempDirectory("eye-foreign-jwt"))
                    .token("mallory", "admin", Duration.ofMinutes(10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid token in a group that is neither analyst nor admin. */
    static String stranger() {
        return LocalStackTestResource.jwt().token("sam", "marketing", Duration.ofMinutes(10));
    }
}
