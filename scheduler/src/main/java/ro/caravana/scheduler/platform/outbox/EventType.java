package ro.caravana.scheduler.platform.outbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type Caravana writes: its wire name, its topic and the version of its record. This is
 * the one list; {@code docs/events.md} describes each record's fields, producers and consumers.
 */
public enum EventType {
  APPOINTMENT_PROPOSED("appointment.proposed", Topics.APPOINTMENTS, 1),
  APPOINTMENT_BOOKED("appointment.booked", Topics.APPOINTMENTS, 1),
  /** Time, place, staff or room changed; the status stays booked. */
  APPOINTMENT_CHANGED("appointment.changed", Topics.APPOINTMENTS, 1),
  APPOINTMENT_CONFIRMED("appointment.confirmed", Topics.APPOINTMENTS, 1),
  APPOINTMENT_CANCELLED("appointment.cancelled", Topics.APPOINTMENTS, 1),
  APPOINTMENT_ARRIVED("appointment.arrived", Topics.APPOINTMENTS, 1),
  APPOINTMENT_FULFILLED("appointment.fulfilled", Topics.APPOINTMENTS, 1),
  APPOINTMENT_NOSHOW("appointment.noshow", Topics.APPOINTMENTS, 1),
  ATTENDANCE_RECORDED("attendance.recorded", Topics.ATTENDANCE, 1),
  BENEFICIARY_CREATED("beneficiary.created", Topics.BENEFICIARIES, 1),
  BENEFICIARY_UPDATED("beneficiary.updated", Topics.BENEFICIARIES, 1),
  BENEFICIARY_DELETED("beneficiary.deleted", Topics.BENEFICIARIES, 1),
  BENEFICIARY_ERASED("beneficiary.erased", Topics.BENEFICIARIES, 1),
  CARE_PLAN_CREATED("careplan.created", Topics.CARE_PLANS, 1),
  CARE_PLAN_UPDATED("careplan.updated", Topics.CARE_PLANS, 1),
  CARE_PLAN_DELETED("careplan.deleted", Topics.CARE_PLANS, 1),
  CENTRE_CREATED("centre.created", Topics.ORGANISATION, 1),
  CENTRE_UPDATED("centre.updated", Topics.ORGANISATION, 1),
  CENTRE_RETIRED("centre.retired", Topics.ORGANISATION, 1),
  ROOM_CREATED("room.created", Topics.ORGANISATION, 1),
  ROOM_UPDATED("room.updated", Topics.ORGANISATION, 1),
  ROOM_RETIRED("room.retired", Topics.ORGANISATION, 1),
  STAFF_CREATED("staff.created", Topics.ORGANISATION, 1),
  STAFF_UPDATED("staff.updated", Topics.ORGANISATION, 1),
  STAFF_RETIRED("staff.retired", Topics.ORGANISATION, 1),
  CARAVAN_CREATED("caravan.created", Topics.ORGANISATION, 1),
  CARAVAN_UPDATED("caravan.updated", Topics.ORGANISATION, 1),
  CARAVAN_RETIRED("caravan.retired", Topics.ORGANISATION, 1),
  /** A booked slot became free (a cancellation or a no-show): the planner may offer it. */
  SLOT_FREED("slot.freed", Topics.PLANS, 1),
  /** A county's caravan horizon was asked for (queued). */
  HORIZON_REQUESTED("horizon.requested", Topics.HORIZONS, 1),
  /** A horizon was solved: its visits are stored and the weekly plans of its weeks take their caravan days from it. */
  HORIZON_SOLVED("horizon.solved", Topics.HORIZONS, 1),
  /** A horizon could not be solved (or a restart stopped it): nothing of it is used. */
  HORIZON_FAILED("horizon.failed", Topics.HORIZONS, 1);

  private final String wire;
  private final String topic;
  private final int version;

  EventType(String wire, String topic, int version) {
    this.wire = wire;
    this.topic = topic;
    this.version = version;
  }

  /** The name on the wire (the outbox's {@code event_type}, the envelope's {@code type}). */
  public String wire() {
    return wire;
  }

  public String topic() {
    return topic;
  }

  /** The version of the record this code writes and reads. */
  public int version() {
    return version;
  }

  public static Optional<EventType> of(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }
}
