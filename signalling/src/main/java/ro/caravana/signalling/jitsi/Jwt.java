package ro.caravana.signalling.jitsi;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JSON Web Tokens (RFC 7519) signed with HS256 or RS256: small enough to write out, so the
 * claims go on the wire exactly as prosody's token authentication reads them.
 */
public final class Jwt {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private Jwt() {}

  public static String hs256(JsonObject payload, byte[] secret) {
    String signingInput = part(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + part(payload);
    return signingInput + "." + B64.encodeToString(hmac(secret, signingInput));
  }

  public static String rs256(JsonObject payload, String keyId, PrivateKey key) {
    JsonObject header = new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", keyId);
    String signingInput = part(header) + "." + part(payload);
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token with RS256", e);
    }
  }

  /** The header of a token, without checking anything. */
  public static JsonObject header(String token) {
    return decodePart(parts(token)[0]);
  }

  /** The claims of a token, without checking anything. */
  public static JsonObject claims(String token) {
    return decodePart(parts(token)[1]);
  }

  /** The claims of an HS256 token whose signature matches {@code secret}; otherwise an exception. */
  public static JsonObject verifiedHs256(String token, byte[] secret) {
    String[] p = parts(token);
    JsonObject header = decodePart(p[0]);
    if (!"HS256".equals(header.getString("alg"))) throw new InvalidToken("unexpected algorithm");
    byte[] expected = hmac(secret, p[0] + "." + p[1]);
    byte[] actual;
    try {
      actual = B64D.decode(p[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidToken("bad signature encoding");
    }
    if (!MessageDigest.isEqual(expected, actual)) throw new InvalidToken("bad signature");
    return decodePart(p[1]);
  }

  /** A token that is malformed, forged, or not valid now or here. */
  public static final class InvalidToken extends RuntimeException {
    public InvalidToken(String reason) {
      super(reason, null, false, false);
    }
  }

  private static String[] parts(String token) {
    if (token == null || token.length() > 8192) throw new InvalidToken("missing or oversized token");
    String[] p = token.split("\\.", -1);
    if (p.length != 3) throw new InvalidToken("not a compact JWT");
    return p;
  }

  private static JsonObject decodePart(String part) {
    try {
      return new JsonObject(new String(B64D.decode(part), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new InvalidToken("undecodable token part");
    }
  }

  private static String part(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
