package ro.caravana.optimizer.timetable;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** One week of sessions at the community centres of one planning area (a county or two). */
@PlanningSolution
public class Timetable {

  public static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");

  /** The Monday the week starts on (minute 0 = that day 00:00 in {@link #ZONE}). */
  @ProblemFactProperty
  private LocalDate weekStart;
  @ProblemFactCollectionProperty
  private List<Centre> centres;
  @ProblemFactCollectionProperty
  private List<Room> rooms;
  @ProblemFactCollectionProperty
  private List<Staff> staff;
  @ProblemFactCollectionProperty
  private List<Beneficiary> beneficiaries;
  @ProblemFactCollectionProperty
  private List<CaravanAppointment> caravanAppointments;
  @PlanningEntityCollectionProperty
  private List<Session> sessions;
  @PlanningScore
  private HardMediumSoftLongScore score;

  public Timetable() {}

  public Timetable(LocalDate weekStart, List<Centre> centres, List<Room> rooms, List<Staff> staff,
      List<Beneficiary> beneficiaries, List<CaravanAppointment> caravanAppointments, List<Session> sessions) {
    this.weekStart = weekStart;
    this.centres = centres;
    this.rooms = rooms;
    this.staff = staff;
    this.beneficiaries = beneficiaries;
    this.caravanAppointments = caravanAppointments;
    this.sessions = sessions;
  }

  public LocalDate getWeekStart() { return weekStart; }
  public List<Centre> getCentres() { return centres; }
  public List<Room> getRooms() { return rooms; }
  public List<Staff> getStaff() { return staff; }
  public List<Beneficiary> getBeneficiaries() { return beneficiaries; }
  public List<CaravanAppointment> getCaravanAppointments() { return caravanAppointments; }
  public List<Session> getSessions() { return sessions; }
  public HardMediumSoftLongScore getScore() { return score; }
  public void setScore(HardMediumSoftLongScore score) { this.score = score; }

  public long assignedCount() { return sessions.stream().filter(Session::isAssigned).count(); }
}
