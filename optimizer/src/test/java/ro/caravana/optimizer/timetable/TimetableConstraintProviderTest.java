package ro.caravana.optimizer.timetable;

import static ro.caravana.optimizer.timetable.WeekTime.minute;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;
import ro.caravana.optimizer.geo.GeoPoint;

/** One test per constraint, each with a penalised and a non-penalised fixture and the exact amount. */
class TimetableConstraintProviderTest {

  private static final ConstraintVerifier<TimetableConstraintProvider, Timetable> VERIFIER =
      ConstraintVerifier.build(new TimetableConstraintProvider(), Timetable.class, Session.class);

  // Two centres 30 minutes apart, open on weekdays 08:00-19:00.
  private static final Centre A = new Centre("A", "A", "BC", new GeoPoint(46.5, 26.9), 0, WeekMask.weekdays(8, 19));
  private static final Centre B = new Centre("B", "B", "BC", new GeoPoint(46.6, 26.9), 1, WeekMask.weekdays(8, 19));

  static {
    A.setTravelMinutesTo(new int[] {0, 30});
    B.setTravelMinutesTo(new int[] {30, 0});
  }

  private static final Room KIN_A = new Room("A-KIN", A, Set.of(Equipment.KINETOTHERAPY));
  private static final Room KIN_A2 = new Room("A-KIN2", A, Set.of(Equipment.KINETOTHERAPY));
  private static final Room GROUP_A = new Room("A-GRUP", A, Set.of(Equipment.GROUP_ROOM));
  private static final Room TELE_A = new Room("A-TELE", A, Set.of(Equipment.TELEMEDICINE_STATION));
  private static final Room KIN_B = new Room("B-KIN", B, Set.of(Equipment.KINETOTHERAPY));

  private static final Staff KINETO = new Staff("KIN-1", "K1", Set.of(ServiceKind.KINETOTHERAPY), A, Set.of(A, B),
      WeekMask.weekdays(8, 18));
  private static final Staff KINETO_2 = new Staff("KIN-2", "K2", Set.of(ServiceKind.KINETOTHERAPY), A, Set.of(A),
      WeekMask.weekdays(8, 18));
  private static final Staff DOCTOR = new Staff("MED-1", "D1", Set.of(ServiceKind.TELEMEDICINE), A, Set.of(A),
      WeekMask.weekdays(8, 16));

  private static final Beneficiary CHILD = new Beneficiary("B1", BeneficiaryCategory.CHILD_WITH_DISABILITY, A,
      WeekMask.weekdays(13, 19), WeekMask.weekdays(15, 18));
  private static final Beneficiary CHILD_2 = new Beneficiary("B2", BeneficiaryCategory.CHILD_WITH_DISABILITY, A,
      WeekMask.weekdays(13, 19), WeekMask.weekdays(15, 18));
  private static final Beneficiary ADULT = new Beneficiary("B3", BeneficiaryCategory.ADULT_WITH_DISABILITY, A,
      WeekMask.weekdays(9, 17), WeekMask.empty());

  private static int index;

  private static Session session(ServiceKind service, Centre centre, List<Beneficiary> who, Integer start, Staff staff,
      Room room) {
    return session("PL-" + (index + 1), service, centre, who, start, staff, room);
  }

  private static Session session(String plan, ServiceKind service, Centre centre, List<Beneficiary> who, Integer start,
      Staff staff, Room room) {
    int i = index++;
    Session s = new Session("S" + i, i, plan, service, service.defaultMinutes(), centre, who, 10,
        service == ServiceKind.TELEMEDICINE, null);
    s.setStart(start);
    s.setStaff(staff);
    s.setRoom(room);
    return s;
  }

  private static Session kineto(Beneficiary who, int start, Staff staff, Room room) {
    return session(ServiceKind.KINETOTHERAPY, room == null ? A : room.centre(), List.of(who), start, staff, room);
  }

  // Hard

  @Test
  @DisplayName("a staff member in two overlapping sessions is penalised by the overlap in minutes")
  void staffConflict() {
    VERIFIER.verifyThat(TimetableConstraintProvider::staffConflict)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD_2, minute(0, 14, 30), KINETO, KIN_A2))
        .penalizesBy(15);
    VERIFIER.verifyThat(TimetableConstraintProvider::staffConflict)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD_2, minute(0, 14, 45), KINETO, KIN_A2))
        .penalizesBy(0);
  }

  @Test
  void roomConflict() {
    VERIFIER.verifyThat(TimetableConstraintProvider::roomConflict)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD_2, minute(0, 14, 15), KINETO_2, KIN_A))
        .penalizesBy(30);
    VERIFIER.verifyThat(TimetableConstraintProvider::roomConflict)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD_2, minute(0, 14, 15), KINETO_2, KIN_A2))
        .penalizesBy(0);
  }

  @Test
  void beneficiaryConflict() {
    Session group = session(ServiceKind.SUPPORT_GROUP, A, List.of(ADULT, CHILD), minute(0, 14, 30), KINETO_2, GROUP_A);
    VERIFIER.verifyThat(TimetableConstraintProvider::beneficiaryConflict)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), group)
        .penalizesBy(15);
    VERIFIER.verifyThat(TimetableConstraintProvider::beneficiaryConflict)
        .given(kineto(CHILD_2, minute(0, 14, 0), KINETO, KIN_A),
            session(ServiceKind.SUPPORT_GROUP, A, List.of(ADULT, CHILD), minute(0, 14, 30), KINETO_2, GROUP_A))
        .penalizesBy(0);
  }

  @Test
  void caravanConflict() {
    CaravanAppointment caravan = new CaravanAppointment("CAR-1", CHILD, minute(0, 13, 0), minute(0, 14, 30));
    VERIFIER.verifyThat(TimetableConstraintProvider::caravanConflict)
        .given(caravan, kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A))
        .penalizesBy(30);
    VERIFIER.verifyThat(TimetableConstraintProvider::caravanConflict)
        .given(caravan, kineto(CHILD_2, minute(0, 14, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void staffSkill() {
    VERIFIER.verifyThat(TimetableConstraintProvider::staffSkill)
        .given(kineto(CHILD, minute(0, 14, 0), DOCTOR, KIN_A))
        .penalizesBy(45);
    VERIFIER.verifyThat(TimetableConstraintProvider::staffSkill)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void staffCentre() {
    VERIFIER.verifyThat(TimetableConstraintProvider::staffCentre)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO_2, KIN_B))
        .penalizesBy(45);
    // The doctor consults remotely, so centre B is fine for telemedicine.
    VERIFIER.verifyThat(TimetableConstraintProvider::staffCentre)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_B),
            session(ServiceKind.TELEMEDICINE, B, List.of(ADULT), minute(0, 10, 0), DOCTOR, null))
        .penalizesBy(0);
  }

  @Test
  void staffAvailability() {
    VERIFIER.verifyThat(TimetableConstraintProvider::staffAvailability)
        .given(kineto(CHILD, minute(0, 17, 30), KINETO, KIN_A))
        .penalizesBy(15);
    Staff onLeave = KINETO.withLeave(minute(1, 0, 0), minute(2, 0, 0));
    VERIFIER.verifyThat(TimetableConstraintProvider::staffAvailability)
        .given(kineto(CHILD, minute(1, 14, 0), onLeave, KIN_A))
        .penalizesBy(45);
    VERIFIER.verifyThat(TimetableConstraintProvider::staffAvailability)
        .given(kineto(CHILD, minute(0, 14, 0), onLeave, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void centreHours() {
    VERIFIER.verifyThat(TimetableConstraintProvider::centreHours)
        .given(kineto(CHILD, minute(0, 18, 45), KINETO, KIN_A))
        .penalizesBy(30);
    // A phone consultation at home does not need the centre open.
    VERIFIER.verifyThat(TimetableConstraintProvider::centreHours)
        .given(session(ServiceKind.TELEMEDICINE, A, List.of(ADULT), minute(5, 10, 0), DOCTOR, null),
            kineto(CHILD, minute(0, 18, 15), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void roomEquipment() {
    VERIFIER.verifyThat(TimetableConstraintProvider::roomEquipment)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, GROUP_A),
            session(ServiceKind.KINETOTHERAPY, A, List.of(CHILD_2), minute(0, 14, 0), KINETO_2, KIN_B))
        .penalizesBy(90);
    VERIFIER.verifyThat(TimetableConstraintProvider::roomEquipment)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void roomClosed() {
    Room closed = KIN_A.withClosure(minute(0, 0, 0), minute(0, 14, 30));
    VERIFIER.verifyThat(TimetableConstraintProvider::roomClosed)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, closed))
        .penalizesBy(30);
    VERIFIER.verifyThat(TimetableConstraintProvider::roomClosed)
        .given(kineto(CHILD, minute(0, 14, 30), KINETO, closed))
        .penalizesBy(0);
  }

  @Test
  void roomRequired() {
    VERIFIER.verifyThat(TimetableConstraintProvider::roomRequired)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, null))
        .penalizesBy(45);
    VERIFIER.verifyThat(TimetableConstraintProvider::roomRequired)
        .given(session(ServiceKind.TELEMEDICINE, A, List.of(ADULT), minute(0, 10, 0), DOCTOR, null))
        .penalizesBy(0);
  }

  @Test
  void beneficiaryAvailability() {
    // A child at school until 13:00: 30 of 45 minutes before that.
    VERIFIER.verifyThat(TimetableConstraintProvider::beneficiaryAvailability)
        .given(kineto(CHILD, minute(0, 12, 30), KINETO, KIN_A))
        .penalizesBy(30);
    // A group at 16:30 for 90 minutes: the adult member is available until 17:00 only.
    VERIFIER.verifyThat(TimetableConstraintProvider::beneficiaryAvailability)
        .given(session(ServiceKind.SUPPORT_GROUP, A, List.of(ADULT, CHILD), minute(0, 16, 30), KINETO, GROUP_A))
        .penalizesBy(60);
    VERIFIER.verifyThat(TimetableConstraintProvider::beneficiaryAvailability)
        .given(kineto(CHILD, minute(0, 13, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void staffTravel() {
    VERIFIER.verifyThat(TimetableConstraintProvider::staffTravel)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD_2, minute(0, 15, 0), KINETO, KIN_B))
        .penalizesBy(15);
    VERIFIER.verifyThat(TimetableConstraintProvider::staffTravel)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD_2, minute(0, 15, 15), KINETO, KIN_B),
            kineto(ADULT, minute(1, 10, 0), KINETO, KIN_A), kineto(CHILD, minute(1, 10, 45), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void sameTherapySameDay() {
    VERIFIER.verifyThat(TimetableConstraintProvider::sameTherapySameDay)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD, minute(0, 17, 0), KINETO, KIN_A))
        .penalizesBy(45);
    VERIFIER.verifyThat(TimetableConstraintProvider::sameTherapySameDay)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A), kineto(CHILD, minute(1, 14, 0), KINETO, KIN_A),
            session(ServiceKind.SPEECH_THERAPY, A, List.of(CHILD), minute(0, 16, 0), KINETO_2, GROUP_A))
        .penalizesBy(0);
  }

  // Medium

  @Test
  void unassignedSession() {
    VERIFIER.verifyThat(TimetableConstraintProvider::unassignedSession)
        .given(kineto(CHILD, minute(0, 14, 0), null, KIN_A), kineto(CHILD_2, minute(0, 14, 0), null, null))
        .penalizesBy(20);
    VERIFIER.verifyThat(TimetableConstraintProvider::unassignedSession)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  // Soft

  @Test
  void preferredTime() {
    VERIFIER.verifyThat(TimetableConstraintProvider::preferredTime)
        .given(kineto(CHILD, minute(0, 14, 0), KINETO, KIN_A),
            session(ServiceKind.SUPPORT_GROUP, A, List.of(CHILD, CHILD_2, ADULT), minute(0, 17, 0), KINETO, GROUP_A))
        .penalizesBy(3 * TimetableConstraintProvider.PREFERRED_TIME_WEIGHT);
    VERIFIER.verifyThat(TimetableConstraintProvider::preferredTime)
        .given(kineto(CHILD, minute(0, 15, 0), KINETO, KIN_A), kineto(ADULT, minute(0, 9, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void therapistContinuity() {
    Session s = new Session("S-usual", 900, "PL-usual", ServiceKind.KINETOTHERAPY, 45, A, List.of(CHILD), 10, false, KINETO);
    s.setStart(minute(0, 14, 0));
    s.setStaff(KINETO_2);
    s.setRoom(KIN_A);
    VERIFIER.verifyThat(TimetableConstraintProvider::therapistContinuity)
        .given(s)
        .penalizesBy(TimetableConstraintProvider.CONTINUITY_WEIGHT);
    Session same = new Session("S-same", 901, "PL-same", ServiceKind.KINETOTHERAPY, 45, A, List.of(CHILD), 10, false, KINETO);
    same.setStart(minute(0, 14, 0));
    same.setStaff(KINETO);
    same.setRoom(KIN_A);
    VERIFIER.verifyThat(TimetableConstraintProvider::therapistContinuity)
        .given(same, kineto(CHILD_2, minute(0, 15, 0), KINETO_2, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void compactStaffDay() {
    // 10:00-10:45 and 12:00-12:45: 75 idle minutes.
    VERIFIER.verifyThat(TimetableConstraintProvider::compactStaffDay)
        .given(kineto(ADULT, minute(0, 10, 0), KINETO, KIN_A), kineto(ADULT, minute(0, 12, 0), KINETO, KIN_A))
        .penalizesBy(75);
    VERIFIER.verifyThat(TimetableConstraintProvider::compactStaffDay)
        .given(kineto(ADULT, minute(0, 10, 0), KINETO, KIN_A), kineto(CHILD, minute(0, 10, 45), KINETO, KIN_A),
            kineto(CHILD_2, minute(1, 14, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void fairLoad() {
    // 120 min for one therapist and 60 for another: 120^2/3600 + 60^2/3600 = 4 + 1.
    VERIFIER.verifyThat(TimetableConstraintProvider::fairLoad)
        .given(session(ServiceKind.COUNSELLING, A, List.of(ADULT), minute(0, 10, 0), KINETO, KIN_A),
            session(ServiceKind.COUNSELLING, A, List.of(CHILD), minute(0, 14, 0), KINETO, KIN_A),
            session(ServiceKind.COUNSELLING, A, List.of(CHILD_2), minute(0, 14, 0), KINETO_2, KIN_A2))
        .penalizesBy(5);
    VERIFIER.verifyThat(TimetableConstraintProvider::fairLoad)
        .given(kineto(CHILD, minute(0, 14, 0), null, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void spreadAcrossWeek() {
    VERIFIER.verifyThat(TimetableConstraintProvider::spreadAcrossWeek)
        .given(session("PL-X", ServiceKind.KINETOTHERAPY, A, List.of(CHILD), minute(0, 14, 0), KINETO, KIN_A),
            session("PL-X", ServiceKind.KINETOTHERAPY, A, List.of(CHILD), minute(1, 14, 0), KINETO, KIN_A))
        .penalizesBy(TimetableConstraintProvider.SPREAD_WEIGHT);
    VERIFIER.verifyThat(TimetableConstraintProvider::spreadAcrossWeek)
        .given(session("PL-Y", ServiceKind.KINETOTHERAPY, A, List.of(CHILD), minute(0, 14, 0), KINETO, KIN_A),
            session("PL-Y", ServiceKind.KINETOTHERAPY, A, List.of(CHILD), minute(2, 14, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  private static Session published(int start, boolean soon) {
    Session s = kineto(CHILD, start, KINETO, KIN_A);
    s.publish(soon, false);
    return s;
  }

  @Test
  void publishedSessionMoved() {
    Session moved = published(minute(2, 14, 0), false);
    moved.setStart(minute(3, 14, 0));
    Session dropped = published(minute(2, 15, 0), false);
    dropped.setStaff(null);
    VERIFIER.verifyThat(TimetableConstraintProvider::publishedSessionMoved)
        .given(moved, dropped, published(minute(2, 16, 0), false))
        .penalizesBy(2 * TimetableConstraintProvider.PUBLISHED_MOVE_WEIGHT);
    Session soon = published(minute(0, 14, 0), true);
    soon.setRoom(KIN_A2);
    VERIFIER.verifyThat(TimetableConstraintProvider::publishedSessionMoved)
        .given(soon, published(minute(2, 16, 0), false), kineto(CHILD_2, minute(2, 14, 0), KINETO, KIN_A))
        .penalizesBy(0);
  }

  @Test
  void publishedSessionMovedLate() {
    Session soon = published(minute(0, 14, 0), true);
    soon.setRoom(KIN_A2);
    VERIFIER.verifyThat(TimetableConstraintProvider::publishedSessionMovedLate)
        .given(soon)
        .penalizesBy(TimetableConstraintProvider.PUBLISHED_LATE_MOVE_WEIGHT);
    Session later = published(minute(3, 14, 0), false);
    later.setRoom(KIN_A2);
    VERIFIER.verifyThat(TimetableConstraintProvider::publishedSessionMovedLate)
        .given(later, published(minute(0, 15, 0), true))
        .penalizesBy(0);
  }
}
