package io.theeye.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoKeyGuardTest {

    private static final Path DEMO_KEY = Path.of("../deploy/compose/jwt/public-key.pem");

    @Test
    void theFingerprintIsTheOneOfTheComposeDemoKey() throws Exception {
        assertThat(DemoKeyGuard.fingerprint(Files.readString(DEMO_KEY))).contains(DemoKeyGuard.DEMO_KEY_FINGERPRINT);
    }

    @Test
    void refusesTheDemoKeyInTheProdProfile() throws Exception {
        Optional<String> demo = Optional.of(Files.readString(DEMO_KEY));

        assertThatThrownBy(() -> DemoKeyGuard.check(List.of("prod"), demo, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo key");
    }

    @Test
    void recognisesTheDemoKeyReformattedOrInline() throws Exception {
        String body =
                Files.readString(DEMO_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String oneLine = "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";

        assertThatThrownBy(() -> DemoKeyGuard.check(List.of("prod"), Optional.of(oneLine), Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DemoKeyGuard.check(List.of("prod"), Optional.empty(), Optional.of(body)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void allowsTheDemoKeyInDevAndTest() throws Exception {
        Optional<String> demo = Optional.of(Files.readString(DEMO_KEY));

        assertThatCode(() -> DemoKeyGuard.check(List.of("dev"), demo, Optional.empty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> DemoKeyGuard.check(List.of("test"), demo, Optional.empty()))
                .doesNotThrowAnyException();
    }

    @Test
    void allowsAnyOtherKeyInProd() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String other = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThatCode(() -> DemoKeyGuard.check(List.of("prod"), Optional.of(other), Optional.empty()))
                .doesNotThrowAnyException();
        assertThatCode(() -> DemoKeyGuard.check(List.of("prod"), Optional.empty(), Optional.empty()))
                .doesNotThrowAnyException();
    }

    @Test
    void readsFileUrisAndPathsButNotRemoteKeySets(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.pem");
        Files.copy(DEMO_KEY, key);

        assertThat(DemoKeyGuard.read(key.toUri().toString())).isPresent();
        assertThat(DemoKeyGuard.read(key.toString())).isPresent();
        assertThat(DemoKeyGuard.read(dir.resolve("missing.pem").toString())).isEmpty();
        assertThat(DemoKeyGuard.read("https://id.example.com/keys")).isEmpty();
    }
}
