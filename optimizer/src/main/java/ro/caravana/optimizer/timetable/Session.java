package ro.caravana.optimizer.timetable;

import java.util.List;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.entity.PlanningPin;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * One occurrence of a care-plan service: one beneficiary, or a group. The solver chooses the start
 * (15-minute grid), the staff member and the room. A session is <em>assigned</em> when it has a
 * staff member; it then occupies its start time and room. Telemedicine sessions whose care plan
 * allows it may have no room: the doctor phones the beneficiary at home.
 *
 * <p>Value ranges are per session (starts that fit the centre's hours and the beneficiaries'
 * availability, staff with the skill who may work at the centre, suitable rooms of the centre), so the
 * solver rarely tries hopeless values; the hard constraints still check everything.
 */
@PlanningEntity
public class Session {

  @PlanningId
  private String id;
  private int index;
  private String carePlanId;
  private ServiceKind service;
  private int minutes;
  private Centre centre;
  private List<Beneficiary> beneficiaries;
  private int priorityWeight;
  private boolean homePhoneAllowed;
  private Staff usualStaff;
  private int occurrence;
  private int occurrences = 1;

  // One immutable holder rather than three lists: the solution cloner copies the reference instead of
  // walking every list each time it clones a new best solution.
  private Ranges ranges = new Ranges(List.of(), List.of(), List.of());

  /** A session's value ranges; immutable. */
  public record Ranges(List<Integer> starts, List<Staff> staff, List<Room> rooms) {}

  @PlanningVariable(valueRangeProviderRefs = "startRange")
  private Integer start;
  @PlanningVariable(valueRangeProviderRefs = "staffRange", nullable = true)
  private Staff staff;
  @PlanningVariable(valueRangeProviderRefs = "roomRange", nullable = true)
  private Room room;

  // What families were told (set when re-planning a published timetable).
  private boolean published;
  private Integer publishedStart;
  private Staff publishedStaff;
  private Room publishedRoom;
  private boolean publishedStartsSoon;
  @PlanningPin
  private boolean pinned;

  /** For OptaPlanner's solution cloner. */
  public Session() {}

  public Session(String id, int index, String carePlanId, ServiceKind service, int minutes, Centre centre,
      List<Beneficiary> beneficiaries, int priorityWeight, boolean homePhoneAllowed, Staff usualStaff) {
    this.id = id;
    this.index = index;
    this.carePlanId = carePlanId;
    this.service = service;
    this.minutes = minutes;
    this.centre = centre;
    this.beneficiaries = List.copyOf(beneficiaries);
    this.priorityWeight = priorityWeight;
    this.homePhoneAllowed = homePhoneAllowed;
    this.usualStaff = usualStaff;
  }

  @ValueRangeProvider(id = "startRange")
  public List<Integer> getStartRange() { return ranges.starts(); }

  @ValueRangeProvider(id = "staffRange")
  public List<Staff> getStaffRange() { return ranges.staff(); }

  @ValueRangeProvider(id = "roomRange")
  public List<Room> getRoomRange() { return ranges.rooms(); }

  public void setRanges(List<Integer> startRange, List<Staff> staffRange, List<Room> roomRange) {
    this.ranges = new Ranges(List.copyOf(startRange), List.copyOf(staffRange), List.copyOf(roomRange));
  }

  // Planning variables

  public Integer getStart() { return start; }
  public void setStart(Integer start) { this.start = start; }
  public Staff getStaff() { return staff; }
  public void setStaff(Staff staff) { this.staff = staff; }
  public Room getRoom() { return room; }
  public void setRoom(Room room) { this.room = room; }

  // Derived values used by the constraints

  public boolean isAssigned() { return staff != null && start != null; }

  /** Minutes since Monday 00:00. */
  public Integer getStartMinute() { return start; }

  public Integer getEndMinute() { return start == null ? null : start + minutes; }

  public int getDay() { return start == null ? -1 : start / WeekTime.MINUTES_PER_DAY; }

  /** The staff member is physically at the centre (everything but telemedicine). */
  public boolean isInPersonAtCentre() { return !service.remoteStaff(); }

  /** The beneficiary takes the call at home: allowed telemedicine without a station. */
  public boolean isAtHome() { return room == null && homePhoneAllowed && service.remoteStaff(); }

  public boolean sharesBeneficiaryWith(Session other) {
    for (Beneficiary b : beneficiaries) {
      if (other.beneficiaries.contains(b)) return true;
    }
    return false;
  }

  /** Who attends this session and when (only meaningful once assigned). */
  public List<Attendance> getAttendances() {
    int startMinute = start;
    int day = getDay();
    List<Attendance> list = new java.util.ArrayList<>(beneficiaries.size());
    for (Beneficiary b : beneficiaries) list.add(new Attendance(b, this, service, day, startMinute, startMinute + minutes));
    return list;
  }

  public boolean attends(Beneficiary beneficiary) { return beneficiaries.contains(beneficiary); }

  /** True when the assigned values differ from what was published. */
  public boolean isMovedFromPublished() {
    return published && (staff != publishedStaff || room != publishedRoom
        || (start == null ? publishedStart != null : !start.equals(publishedStart)));
  }

  public void publish(boolean startsSoon, boolean pinned) {
    this.published = isAssigned();
    this.publishedStart = published ? start : null;
    this.publishedStaff = published ? staff : null;
    this.publishedRoom = published ? room : null;
    this.publishedStartsSoon = published && startsSoon;
    this.pinned = pinned;
  }

  public String getId() { return id; }
  public int getIndex() { return index; }
  public String getCarePlanId() { return carePlanId; }
  public ServiceKind getService() { return service; }
  public int getMinutes() { return minutes; }
  public Centre getCentre() { return centre; }
  public List<Beneficiary> getBeneficiaries() { return beneficiaries; }
  public int getPriorityWeight() { return priorityWeight; }
  public boolean isHomePhoneAllowed() { return homePhoneAllowed; }
  public Staff getUsualStaff() { return usualStaff; }
  public boolean isPublished() { return published; }
  public Integer getPublishedStart() { return publishedStart; }
  public Staff getPublishedStaff() { return publishedStaff; }
  public Room getPublishedRoom() { return publishedRoom; }
  public boolean isPublishedStartsSoon() { return publishedStartsSoon; }
  /** This is occurrence {@code occurrence} (0-based) of {@code occurrences} of its care plan this week. */
  public void setOccurrence(int occurrence, int occurrences) {
    this.occurrence = occurrence;
    this.occurrences = occurrences;
  }
  public int getOccurrence() { return occurrence; }
  public int getOccurrences() { return occurrences; }

  /** A copy with the same facts and values, not published, for building a new problem from an old one. */
  public Session copy(java.util.List<Beneficiary> newBeneficiaries, java.util.function.UnaryOperator<Staff> staffMap,
      java.util.function.UnaryOperator<Room> roomMap) {
    Session c = new Session(id, index, carePlanId, service, minutes, centre, newBeneficiaries, priorityWeight,
        homePhoneAllowed, usualStaff == null ? null : staffMap.apply(usualStaff));
    c.setOccurrence(occurrence, occurrences);
    c.start = start;
    c.staff = staff == null ? null : staffMap.apply(staff);
    c.room = room == null ? null : roomMap.apply(room);
    return c;
  }

  public boolean isPinned() { return pinned; }
  public void setPinned(boolean pinned) { this.pinned = pinned; }

  @Override public String toString() {
    return id + (start == null ? "" : "@" + WeekTime.format(start)) + (staff == null ? "" : "/" + staff.id());
  }
}
