package io.theeye.service.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service outside the dev and test profiles when the key it verifies bearer
 * tokens with is the demo key of docker compose, whose private half is in the repository: anyone
 * could mint an admin token for it. Compares SHA-256 fingerprints of the public key (DER
 * SubjectPublicKeyInfo), so a reformatted copy of the PEM is recognised too.
 */
@ApplicationScoped
public class DemoKeyGuard {

    /** SHA-256 of the DER public key in deploy/compose/jwt/public-key.pem. */
    public static final String DEMO_KEY_FINGERPRINT =
            "2ca15a279d691906f6c1a9c9e3a76573d598021eafc8d686e1a60738e681efe5";

    /** Profiles in which the demo key may be trusted: a developer's machine and the tests. */
    static final List<String> PERMISSIVE_PROFILES = List.of("dev", "test");

    private static final Logger LOG = Logger.getLogger(DemoKeyGuard.class);
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    void onStart(@Observes StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        check(
                ConfigUtils.getProfiles(),
                config.getOptionalValue("mp.jwt.verify.publickey.location", String.class)
                        .flatMap(DemoKeyGuard::read),
                config.getOptionalValue("mp.jwt.verify.publickey", String.class));
    }

    /**
     * Throws when a profile outside dev and test trusts the demo key.
     *
     * @param profiles the active configuration profiles
     * @param keyFromLocation the content of {@code mp.jwt.verify.publickey.location}, when readable
     * @param inlineKey {@code mp.jwt.verify.publickey}, when set
     */
    static void check(List<String> profiles, Optional<String> keyFromLocation, Optional<String> inlineKey) {
        boolean demo = isDemoKey(keyFromLocation) || isDemoKey(inlineKey);
        if (!demo) {
            return;
        }
        if (profiles.stream().anyMatch(PERMISSIVE_PROFILES::contains)) {
            LOG.warnf("trusting the public demo JWT key (profile %s): never outside a developer's machine", profiles);
            return;
        }
        throw new IllegalStateException("refusing to start: the JWT verification key is the demo key of docker compose"
                + " (fingerprint " + DEMO_KEY_FINGERPRINT + "), whose private key is public. Configure your identity"
                + " provider's public key (MP_JWT_VERIFY_PUBLICKEY_LOCATION); SECURITY.md, \"Rotating secrets\".");
    }

    private static boolean isDemoKey(Optional<String> key) {
        return key.flatMap(DemoKeyGuard::fingerprint)
                .filter(DEMO_KEY_FINGERPRINT::equals)
                .isPresent();
    }

    /** The SHA-256 of the public key in a PEM ({@code PUBLIC KEY} or {@code CERTIFICATE}); empty if neither. */
    static Optional<String> fingerprint(String pem) {
        Matcher block = PEM.matcher(pem);
        if (!block.find()) {
            // A bare base64 key, as mp.jwt.verify.publickey also takes.
            try {
                return Optional.of(sha256(Base64.getMimeDecoder().decode(pem.strip())));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(2).strip());
        try {
            return switch (block.group(1)) {
                case "PUBLIC KEY" -> Optional.of(sha256(der));
                case "CERTIFICATE" ->
                    Optional.of(sha256(CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der))
                            .getPublicKey()
                            .getEncoded()));
                default -> Optional.empty();
            };
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** A local key file's content ({@code file:}, a path, or {@code classpath:}); remote keys (JWKS) are not read. */
    static Optional<String> read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream(
                                location.substring("classpath:".length()).replaceFirst("^/", ""))) {
                    return in == null
                            ? Optional.empty()
                            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            if (location.contains("://") && !location.startsWith("file:")) {
                return Optional.empty();
            }
            return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // smallrye-jwt reports an unreadable key itself, on the first token.
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
