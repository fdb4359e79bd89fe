package ro.caravana.scheduler.notice.smpp;

import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;
import ro.caravana.scheduler.notice.text.Gsm7;
import ro.caravana.scheduler.notice.text.SmsEncoding;

/** Message bodies on the wire: GSM-7 as unpacked septets (data_coding 0), UCS-2 as UTF-16BE (data_coding 8). */
public final class SmppCodec {

  /** The most short_message may hold; longer bodies travel in the message_payload TLV. */
  public static final int SHORT_MESSAGE_MAX = 254;
  public static final GeneralDataCoding GSM = new GeneralDataCoding(Alphabet.ALPHA_DEFAULT);
  public static final GeneralDataCoding UCS2 = new GeneralDataCoding(Alphabet.ALPHA_UCS2);

  private SmppCodec() {}

  public static byte[] encode(String body, SmsEncoding encoding) {
    return encoding == SmsEncoding.GSM_7 ? Gsm7.encode(body) : body.getBytes(StandardCharsets.UTF_16BE);
  }

  public static GeneralDataCoding dataCoding(SmsEncoding encoding) {
    return encoding == SmsEncoding.GSM_7 ? GSM : UCS2;
  }

  /** The text of a submit_sm or deliver_sm, from short_message or message_payload. */
  public static String text(MessageRequest pdu) {
    byte[] bytes = pdu.getShortMessage();
    if (bytes == null || bytes.length == 0) {
      OptionalParameter payload = ((AbstractSmCommand) pdu).getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
      if (payload instanceof OptionalParameter.OctetString octets) bytes = octets.getValue();
    }
    if (bytes == null) return "";
    return decode(bytes, pdu.getDataCoding());
  }

  public static String decode(byte[] bytes, byte dataCoding) {
    Alphabet alphabet;
    try {
      alphabet = Alphabet.parseDataCoding(dataCoding);
    } catch (IllegalArgumentException e) {
      alphabet = Alphabet.ALPHA_DEFAULT;
    }
    if (alphabet == Alphabet.ALPHA_UCS2) return new String(bytes, StandardCharsets.UTF_16BE);
    if (alphabet == Alphabet.ALPHA_LATIN1) return new String(bytes, StandardCharsets.ISO_8859_1);
    if (alphabet == Alphabet.ALPHA_8_BIT) return new String(bytes, StandardCharsets.ISO_8859_1);
    return Gsm7.decode(bytes);
  }

  /** E.164 without the plus, as SMPP addresses carry it. */
  public static String address(String e164) {
    return e164.startsWith("+") ? e164.substring(1) : e164;
  }

  /** An SMPP international address back to E.164. */
  public static String e164(String address) {
    if (address == null || address.isEmpty()) return address;
    return address.startsWith("+") ? address : "+" + address;
  }
}
