package ro.caravana.optimizer.timetable;

import java.util.Set;

/** A room of a centre and its equipment. Identity equality: one instance per room. */
public final class Room {

  private final String id;
  private final Centre centre;
  private final Set<Equipment> equipment;
  private final WeekMask available;

  public Room(String id, Centre centre, Set<Equipment> equipment) {
    this(id, centre, equipment, WeekMask.always());
  }

  public Room(String id, Centre centre, Set<Equipment> equipment, WeekMask available) {
    this.id = id;
    this.centre = centre;
    this.equipment = Set.copyOf(equipment);
    this.available = available;
  }

  /** When the room can be used (closures removed). */
  public WeekMask available() { return available; }

  /** A copy of this room closed during [fromMinute, toMinute) of the week. */
  public Room withClosure(int fromMinute, int toMinute) {
    return new Room(id, centre, equipment, available.minus(fromMinute, toMinute));
  }

  public String id() { return id; }
  public Centre centre() { return centre; }
  public Set<Equipment> equipment() { return equipment; }

  /** True when a session of this kind at this centre may take place in this room. */
  public boolean suits(ServiceKind service, Centre sessionCentre) {
    return centre == sessionCentre
        && (service.requiredEquipment() == null || equipment.contains(service.requiredEquipment()));
  }

  @Override public String toString() { return id; }
}
