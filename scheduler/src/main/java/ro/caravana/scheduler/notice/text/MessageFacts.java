package ro.caravana.scheduler.notice.text;

import java.time.Instant;

/**
 * What a message says about one appointment.
 *
 * @param name the beneficiary's first name
 * @param service the service code (kinetotherapy, telemedicine, ...)
 * @param startsAt when it starts
 * @param previousStartsAt when it started before a change (null when unknown or not a change)
 * @param address the centre's address (centre appointments)
 * @param stop the caravan stop's locality name (caravan appointments)
 * @param link the short link (remote consultations)
 * @param reason why it was cancelled (a reason class: staff_ill, caravan_broken, centre_closed, family_declined ...)
 */
public record MessageFacts(String name, String service, Instant startsAt, Instant previousStartsAt,
    String address, String stop, String link, String reason) {

  public MessageFacts(String name, String service, Instant startsAt, Instant previousStartsAt, String address,
      String stop, String link) {
    this(name, service, startsAt, previousStartsAt, address, stop, link, null);
  }
}
