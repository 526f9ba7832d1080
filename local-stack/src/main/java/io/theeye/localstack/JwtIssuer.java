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
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A throwaway RSA key pair and the bearer JWTs it signs, for the local run and for tests.
 * Services verify them with {@code mp.jwt.verify.publickey.location} pointing at the public key.
 */
public final class JwtIssuer {

    /** The issuer the services expect ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "the-eye";

    private final Path publicKey;
    private final PrivateKey privateKey;

    private JwtIssuer(Path publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
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
            String body = Files.readString(privateKey)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new JwtIssuer(publicKey, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a JWT key pair", e);
        }
    }

    /** The PEM file services verify tokens with. */
    public Path publicKeyFile() {
        return publicKey;
    }

    /** A token for a user in one group ({@code analyst} or {@code admin}), valid for the given time. */
    public String token(String user, String group, Duration validFor) {
        return sign(user, List.of(group), validFor.toSeconds(), privateKey);
    }

    /** A token that expired a minute ago, for tests of rejection. */
    public String expiredToken(String user, String group) {
        return sign(user, List.of(group), -60, privateKey);
    }

    private static String sign(String user, List<String> groups, long validSeconds, PrivateKey key) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAtToNow();
        org.jose4j.jwt.NumericDate expires = org.jose4j.jwt.NumericDate.now();
        expires.addSeconds(validSeconds);
        claims.setExpirationTime(expires);
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
