package ro.caravana.optimizer.timetable;

import java.util.Set;

/**
 * A therapist, psychologist, social worker or doctor: what they may deliver, where, and when
 * (weekly availability with leave already removed).
 */
public final class Staff {

  private final String id;
  private final String name;
  private final Set<ServiceKind> skills;
  private final Centre homeCentre;
  private final Set<Centre> allowedCentres;
  private final WeekMask availability;

  public Staff(String id, String name, Set<ServiceKind> skills, Centre homeCentre,
      Set<Centre> allowedCentres, WeekMask availability) {
    this.id = id;
    this.name = name;
    this.skills = Set.copyOf(skills);
    this.homeCentre = homeCentre;
    this.allowedCentres = Set.copyOf(allowedCentres);
    this.availability = availability;
  }

  public String id() { return id; }
  public String name() { return name; }
  public Set<ServiceKind> skills() { return skills; }
  public Centre homeCentre() { return homeCentre; }
  public Set<Centre> allowedCentres() { return allowedCentres; }
  public WeekMask availability() { return availability; }

  public boolean canDeliver(ServiceKind service) { return skills.contains(service); }

  /** Remote services (telemedicine) may be delivered for any centre; in-person ones only at allowed centres. */
  public boolean mayServe(ServiceKind service, Centre centre) {
    return service.remoteStaff() || allowedCentres.contains(centre);
  }

  /** A copy of this staff member who is away during [fromMinute, toMinute) of the week. */
  public Staff withLeave(int fromMinute, int toMinute) {
    return new Staff(id, name, skills, homeCentre, allowedCentres, availability.minus(fromMinute, toMinute));
  }

  @Override public String toString() { return id; }
}
