package io.theeye.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A throwaway RSA key pair and the bearer JWTs it signs, for the local run and for tests.
 * Services verify them with {@code mp.jwt.verify.publickey.location} pointing at the public key,
 * and check the issuer, the audience, the expiry and the token's age.
 */
public final class JwtIssuer {

    /** The issuer of the local run's and the tests' tokens ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "the-eye-local";

    /** The audience the services accept ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "the-eye";

    private final Path publicKey;
    private final PrivateKey privateKey;

    private JwtIssuer(Path publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Signs with an existing PKCS#8 PEM private key (the compose demo key, in the tests that refuse it). */
    public static JwtIssuer withKeys(Path privateKeyPem, Path publicKeyPem) {
        try {
            return new JwtIssuer(publicKeyPem, readPrivateKey(privateKeyPem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the private key " + privateKeyPem, e);
        }
    }

    /** Loads the key pair in the directory, creating it on first use. */
    public static JwtIssuer inDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Path publicKey = directory.resolve("jwt-public-key.pem");
            Path privateKey = directory.resolve("jwt-private-key.pem");
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(
                        privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            return new JwtIssuer(publicKey, readPrivateKey(privateKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a JWT key pair", e);
        }
    }

    private static PrivateKey readPrivateKey(Path pem) throws IOException, java.security.GeneralSecurityException {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    /** The PEM file services verify tokens with. */
    public Path publicKeyFile() {
        return publicKey;
    }

    /** A token for a user in one group ({@code analyst} or {@code admin}), valid for the given time. */
    public String token(String user, String group, Duration validFor) {
        return sign(user, group, AUDIENCE, Instant.now(), Instant.now().plus(validFor));
    }

    /** The same for another audience: a token meant for some other system, which the services refuse. */
    public String token(String user, String group, Duration validFor, String audience) {
        return sign(user, group, audience, Instant.now(), Instant.now().plus(validFor));
    }

    /** A token issued at a given time, valid for the given time from then (tests of the token age). */
    public String tokenIssuedAt(String user, String group, Instant issuedAt, Duration validFor) {
        return sign(user, group, AUDIENCE, issuedAt, issuedAt.plus(validFor));
    }

    /** A token that expired a minute ago, for tests of rejection. */
    public String expiredToken(String user, String group) {
        Instant now = Instant.now();
        return sign(user, group, AUDIENCE, now.minusSeconds(120), now.minusSeconds(60));
    }

    private String sign(String user, String group, String audience, Instant issuedAt, Instant expiresAt) {
        PrivateKey key = privateKey;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(audience);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", List.of(group));
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
