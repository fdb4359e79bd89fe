package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;
import java.util.UUID;

/**
 * API tokens: HS256 JWTs with issuer, audience, subject (account id), role and expiry. The token only
 * names the account; role and scope are read from the database on every request, so disabling an
 * account or changing its counties takes effect at once.
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

  public String issue(Account account) {
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(account.id()))
        .put("role", account.role().wire())
        .put("jti", UUID.randomUUID().toString());
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER)
        .setAudience(List.of(AUDIENCE)).setExpiresInSeconds(lifetimeSeconds));
  }

  /** The account id a valid token names; fails for a bad signature, wrong issuer or audience, or expiry. */
  public Future<Long> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      // the decoded claims are kept as the "accessToken" attribute; the principal may be reduced
      JsonObject claims = user.attributes() == null ? null : user.attributes().getJsonObject("accessToken");
      if (claims == null) claims = user.principal();
      if (!ISSUER.equals(claims.getString("iss")) || claims.getValue("exp") == null) {
        throw new IllegalArgumentException("token without issuer or expiry");
      }
      return Long.parseLong(claims.getString("sub"));
    });
  }
}
