package io.theeye.processor.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.theeye.contract.ApplicationKeys;
import io.theeye.contract.Problem;
import io.theeye.service.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * Lets an application authenticate with its own key ({@code Authorization: Bearer eye_...}), as
 * it does at ingest, with the role {@value #ROLE}; any other bearer token is left to the JWT
 * mechanism. Only the dry run accepts that role. The key is looked up on each request: the dry
 * run is not a hot path, and a disabled key stops working at once.
 */
@ApplicationScoped
public class ApplicationKeyMechanism implements HttpAuthenticationMechanism {

    /** The role an application key grants. */
    public static final String ROLE = "application";

    private static final String FIND_KEY = "SELECT k.application_id FROM application_keys k "
            + "JOIN applications a ON a.id = k.application_id "
            + "WHERE k.key_hash = $1 AND a.disabled_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())";

    private final Pool pool;

    ApplicationKeyMechanism(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null
                || authorization.length() < 8
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Uni.createFrom().nullItem();
        }
        String key = authorization.substring(7).trim();
        if (!key.startsWith(ApplicationKeys.PREFIX) || key.length() > 128) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(FIND_KEY)
                .execute(Tuple.of(ApplicationKeys.hash(key)))
                .onFailure()
                .transform(unavailable -> new ProblemException(
                        Problem.of(
                                503,
                                "unavailable",
                                "Keys unavailable",
                                "the application key cannot be checked now; retry shortly"),
                        Duration.ofSeconds(5)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new AuthenticationFailedException("unknown, disabled or expired application key");
                    }
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(rows.iterator()
                                    .next()
                                    .getUUID("application_id")
                                    .toString()))
                            .addRole(ROLE)
                            .build();
                });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public int getPriority() {
        // Before the JWT mechanism, which would try to read an application key as a token.
        return DEFAULT_PRIORITY + 1;
    }
}
