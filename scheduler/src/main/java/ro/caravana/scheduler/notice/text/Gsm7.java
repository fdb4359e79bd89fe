package ro.caravana.scheduler.notice.text;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet and its extension table. A basic character is one septet; an
 * extension character is an escape (0x1B) and a second septet, so it counts two. Bytes here are
 * unpacked septets (one per byte), which is how SMPP carries data_coding 0.
 */
public final class Gsm7 {

  /** Basic table in code order; 0x1B (escape) is a placeholder that never matches text. */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  /** Extension table: character -> second septet after the escape. */
  private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
  private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
  private static final byte ESCAPE = 0x1B;

  static {
    if (BASIC.length() != 128) throw new AssertionError("GSM 03.38 basic table must have 128 entries");
  }

  private Gsm7() {}

  public static boolean isBasic(int codePoint) {
    return codePoint != ESCAPE && codePoint < 0x10000 && BASIC.indexOf(codePoint) >= 0;
  }

  public static boolean isExtension(int codePoint) {
    return codePoint < 0x10000 && EXTENSION_CHARS.indexOf(codePoint) >= 0;
  }

  public static boolean isGsm(int codePoint) {
    return isBasic(codePoint) || isExtension(codePoint);
  }

  /** Septets a character takes: 1 (basic), 2 (extension), or -1 when it is not in GSM-7. */
  public static int septets(int codePoint) {
    if (isBasic(codePoint)) return 1;
    if (isExtension(codePoint)) return 2;
    return -1;
  }

  /** True when every character of the text is in the GSM-7 alphabet (basic or extension). */
  public static boolean fits(CharSequence text) {
    return text.codePoints().allMatch(Gsm7::isGsm);
  }

  /** Total septets of a GSM-7 text. */
  public static int septetCount(CharSequence text) {
    int total = 0;
    for (int i = 0; i < text.length(); i++) {
      int n = septets(text.charAt(i));
      if (n < 0) throw new IllegalArgumentException("not a GSM-7 character: U+" + Integer.toHexString(text.charAt(i)));
      total += n;
    }
    return total;
  }

  /** Unpacked septets (one byte each) of a GSM-7 text. */
  public static byte[] encode(CharSequence text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
      if (basic >= 0) {
        out.write(basic);
        continue;
      }
      int ext = EXTENSION_CHARS.indexOf(c);
      if (ext < 0) throw new IllegalArgumentException("not a GSM-7 character: U+" + Integer.toHexString(c));
      out.write(ESCAPE);
      out.write(EXTENSION_CODES[ext]);
    }
    return out.toByteArray();
  }

  /** Text of unpacked septets; an unknown escape sequence reads as a space, as 03.38 recommends. */
  public static String decode(byte[] septets) {
    StringBuilder sb = new StringBuilder(septets.length);
    for (int i = 0; i < septets.length; i++) {
      int b = septets[i] & 0x7F;
      if (b == ESCAPE && i + 1 < septets.length) {
        int next = septets[++i] & 0x7F;
        char ext = ' ';
        for (int k = 0; k < EXTENSION_CODES.length; k++) {
          if (EXTENSION_CODES[k] == next) ext = EXTENSION_CHARS.charAt(k);
        }
        sb.append(ext);
      } else if (b == ESCAPE) {
        sb.append(' ');
      } else {
        sb.append(BASIC.charAt(b));
      }
    }
    return sb.toString();
  }
}
