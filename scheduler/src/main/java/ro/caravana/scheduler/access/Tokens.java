package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import ro.caravana.scheduler.common.Ids;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * API tokens: HS256 JWTs with issuer, audience, subject (account id), role, expiry, a random {@code jti}
 * and the account's token generation ({@code gen}). The token only names the account; role and scope are
 * read from the database on every request. A token is refused when its {@code jti} is on the deny list
 * (logout, {@link RevokedTokens}) or its generation is older than the account's (the account was disabled
 * or its role, scope, e-mail or password changed since), so both take effect at once.
 */
public final class Tokens {

  public static final String ISSUER = "caravana";
  public static final String AUDIENCE = "caravana-api";

  private final JWTAuth jwt;
  private final int lifetimeSeconds;

  public Tokens(Vertx vertx, String secret, int lifetimeSeconds) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setAudience(List.of(AUDIENCE))));
    this.lifetimeSeconds = lifetimeSeconds;
  }

  public int lifetimeSeconds() {
    return lifetimeSeconds;
  }

  /** What a valid token says: the account, the token's own id, its expiry and the account generation it was issued for. */
  public record Claims(long accountId, UUID jti, Instant expiresAt, int generation) {}

  /** Where the access handler keeps the {@link Claims} of the request's Bearer token. */
  public static final String CLAIMS_KEY = "caravana.token-claims";

  public String issue(Account account) {
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(account.id()))
        .put("role", account.role().wire())
        .put("jti", UUID.randomUUID().toString())
        .put("gen", account.tokenGeneration());
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER)
        .setAudience(List.of(AUDIENCE)).setExpiresInSeconds(lifetimeSeconds));
  }

  /**
   * The claims of a valid token; fails for a bad signature, wrong issuer or audience, expiry, or a token
   * without {@code jti} or generation (it could not be revoked). Revocation itself is checked against the
   * database by the caller.
   */
  public Future<Claims> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      // the decoded claims are kept as the "accessToken" attribute; the principal may be reduced
      JsonObject claims = user.attributes() == null ? null : user.attributes().getJsonObject("accessToken");
      if (claims == null) claims = user.principal();
      if (!ISSUER.equals(claims.getString("iss")) || claims.getValue("exp") == null) {
        throw new IllegalArgumentException("token without issuer or expiry");
      }
      UUID jti = Ids.uuidOrNull(claims.getValue("jti") instanceof String j ? j : null);
      long account = Ids.numberOrNegative(claims.getValue("sub") instanceof String sub ? sub : null);
      Object g = claims.getValue("gen");
      long gen = g instanceof Integer || g instanceof Long ? ((Number) g).longValue() : -1;
      if (jti == null || account < 0 || gen < 0 || gen > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("token without a readable subject, jti or generation");
      }
      return new Claims(account, jti, Instant.ofEpochSecond(claims.getLong("exp")), (int) gen);
    });
  }
}
