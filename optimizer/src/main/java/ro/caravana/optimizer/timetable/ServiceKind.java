package ro.caravana.optimizer.timetable;

/**
 * A kind of care-plan service. The staff skill needed to deliver it is the kind itself
 * (a staff member lists the kinds they may deliver).
 */
public enum ServiceKind {
  KINETOTHERAPY(Equipment.KINETOTHERAPY, 45, false, false),
  SPEECH_THERAPY(Equipment.SPEECH_THERAPY, 45, false, false),
  /** Individual or family counselling: any quiet room of the centre will do. */
  COUNSELLING(null, 60, false, false),
  PARENTAL_EDUCATION(Equipment.GROUP_ROOM, 90, true, false),
  SUPPORT_GROUP(Equipment.GROUP_ROOM, 90, true, false),
  /** A doctor consults remotely: the beneficiary sits at a centre's telemedicine station, or at home by phone. */
  TELEMEDICINE(Equipment.TELEMEDICINE_STATION, 30, false, true);

  private final Equipment requiredEquipment;
  private final int defaultMinutes;
  private final boolean group;
  private final boolean remoteStaff;

  ServiceKind(Equipment requiredEquipment, int defaultMinutes, boolean group, boolean remoteStaff) {
    this.requiredEquipment = requiredEquipment;
    this.defaultMinutes = defaultMinutes;
    this.group = group;
    this.remoteStaff = remoteStaff;
  }

  /** Equipment the room must have, or null when any room of the centre will do. */
  public Equipment requiredEquipment() { return requiredEquipment; }

  public int defaultMinutes() { return defaultMinutes; }

  public boolean group() { return group; }

  /** Most people in one session: 12 for parental education, 10 for a support group, 1 otherwise. */
  public int capacity() {
    return switch (this) {
      case PARENTAL_EDUCATION -> 12;
      case SUPPORT_GROUP -> 10;
      default -> 1;
    };
  }

  /** True when the staff member works remotely (no travel between centres). */
  public boolean remoteStaff() { return remoteStaff; }
}
