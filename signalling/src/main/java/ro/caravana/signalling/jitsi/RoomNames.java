package ro.caravana.signalling.jitsi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Room names: an HMAC of the consultation id under a server secret, so each consultation has one
 * stable room that nobody can guess or derive from the id, and nothing needs to be stored.
 */
public final class RoomNames {

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private final byte[] secret;

  public RoomNames(byte[] secret) {
    this.secret = secret.clone();
  }

  /** {@code consultatie-} and 32 base32 characters (160 bits). */
  public String roomFor(String consultationId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h = mac.doFinal(("room:" + consultationId).getBytes(StandardCharsets.UTF_8));
      return "consultatie-" + base32(h, 20);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String base32(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder(length * 8 / 5);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < length; i++) {
      buffer = (buffer << 8) | (bytes[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
