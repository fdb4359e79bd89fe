package ro.caravana.scheduler.appointment;

import java.util.UUID;
import ro.caravana.scheduler.access.Role;

/** Who or what changed an appointment's status; stored with every change ({@code appointment_status_changes}). */
public sealed interface Actor {

  /** The stored kind: account, family_link, sms_reply, presence, plan, system. */
  String kind();

  /** The stored reference: an account id, a link id, a reply id, an event id, a plan id or a job name. */
  String ref();

  /** The family itself (a link or an SMS answer): it may only act on its appointments before they start. */
  default boolean family() {
    return false;
  }

  /** A coordinator (or an administrator): the only one who may correct a status back. */
  default boolean coordinator() {
    return false;
  }

  record Account(long accountId, Role role) implements Actor {
    public String kind() { return "account"; }
    public String ref() { return Long.toString(accountId); }
    @Override
    public boolean coordinator() {
      return role == Role.ADMIN || role == Role.COUNTY_COORDINATOR || role == Role.CENTRE_COORDINATOR;
    }
  }

  /**
   * A signed-in clinician's attendance mark from the field (its idempotency key in the reason): a later mark may
   * correct an earlier one between fulfilled, no-show and cancelled (an excused absence), so the outcome does
   * not depend on the order in which offline devices send their marks.
   */
  record FieldMark(long accountId, UUID markKey) implements Actor {
    public String kind() { return "account"; }
    public String ref() { return Long.toString(accountId); }
    @Override
    public boolean marksAttendance() { return true; }
  }

  /** Attendance marks from the field, which may correct each other (see {@link FieldMark}). */
  default boolean marksAttendance() {
    return false;
  }

  record FamilyLink(UUID linkId) implements Actor {
    public String kind() { return "family_link"; }
    public String ref() { return linkId.toString(); }
    @Override
    public boolean family() { return true; }
  }

  record SmsReply(long replyId) implements Actor {
    public String kind() { return "sms_reply"; }
    public String ref() { return Long.toString(replyId); }
    @Override
    public boolean family() { return true; }
  }

  /** Video presence from the signalling (the event id of the presence event). */
  record Presence(UUID eventId) implements Actor {
    public String kind() { return "presence"; }
    public String ref() { return eventId.toString(); }
  }

  /** Publishing a plan. */
  record Plan(UUID planId) implements Actor {
    public String kind() { return "plan"; }
    public String ref() { return planId.toString(); }
  }

  /** A job of the system itself (the no-show sweep, a slot offer that was taken). */
  record System(String job) implements Actor {
    public String kind() { return "system"; }
    public String ref() { return job; }
  }
}
