package ro.caravana.scheduler.appointment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.platform.http.ApiError;

@DisplayName("The appointment's lifecycle: which moves are allowed, for whom, and why the others are refused")
class AppointmentLifecycleTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));
  private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));
  private static final Actor NURSE = new Actor.Account(7, Role.NURSE);
  private static final Actor COORDINATOR = new Actor.Account(3, Role.COUNTY_COORDINATOR);
  private static final Actor FAMILY_SMS = new Actor.SmsReply(42);
  private static final StatusReason MISTAKE = new StatusReason(StatusReason.Kind.CORRECTION, "marcat din greșeală");

  /** The map of the issue: proposed → booked → arrived → fulfilled; booked → cancelled | noshow; proposed → cancelled. */
  private static final Set<String> FORWARD = Set.of("proposed>booked", "proposed>cancelled", "booked>arrived",
      "booked>fulfilled", "booked>cancelled", "booked>noshow", "arrived>fulfilled");
  /** What a coordinator may undo, with a reason. */
  private static final Set<String> UNDO = Set.of("cancelled>booked", "noshow>booked", "arrived>booked", "fulfilled>arrived");

  private static ApiError refusal(AppointmentStatus from, AppointmentStatus to, Actor actor, StatusReason reason,
      Instant startsAt) {
    return AppointmentLifecycle.refusal(from, new AppointmentLifecycle.Change(UUID.randomUUID(), to, actor, reason),
        startsAt, NOW);
  }

  @Test
  @DisplayName("every pair of statuses: forward moves pass for staff, corrections only for a coordinator with a reason")
  void everyPair() {
    int checked = 0;
    for (AppointmentStatus from : AppointmentStatus.values()) {
      for (AppointmentStatus to : AppointmentStatus.values()) {
        if (from == to) continue;
        String pair = from.wire() + ">" + to.wire();
        ApiError byStaff = refusal(from, to, NURSE, null, TOMORROW);
        ApiError byCoordinator = refusal(from, to, COORDINATOR, MISTAKE, TOMORROW);
        if (FORWARD.contains(pair)) {
          assertNull(byStaff, pair);
          assertNull(byCoordinator, pair);
        } else if (UNDO.contains(pair)) {
          assertNotNull(byStaff, pair + " by a nurse");
          assertEquals(409, byStaff.status(), pair);
          assertNull(byCoordinator, pair + " by a coordinator with a reason");
          ApiError noReason = refusal(from, to, COORDINATOR, null, TOMORROW);
          assertEquals(422, noReason.status(), pair + " without a reason");
          assertEquals("reason", noReason.field());
        } else {
          assertNotNull(byCoordinator, pair);
          assertEquals(409, byCoordinator.status(), pair);
          assertEquals("status", byCoordinator.field(), pair);
          assertTrue(byCoordinator.reasonRo().contains(from.labelRo()), byCoordinator.reasonRo());
          assertTrue(byCoordinator.reasonEn().contains(from.labelEn()), byCoordinator.reasonEn());
        }
        checked++;
      }
    }
    assertEquals(30, checked);
  }

  @Test
  @DisplayName("a family may cancel or confirm only before the appointment starts")
  void familyOnlyBeforeTheStart() {
    assertNull(refusal(AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED, FAMILY_SMS, null, TOMORROW));
    ApiError late = refusal(AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED, FAMILY_SMS, null, YESTERDAY);
    assertEquals(409, late.status());
    assertTrue(late.reasonRo().contains("a început"), late.reasonRo());
    // staff may still cancel a past one (it did not take place)
    assertNull(refusal(AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED, NURSE, null, YESTERDAY));
    // a family cannot undo anything
    assertEquals(409, refusal(AppointmentStatus.CANCELLED, AppointmentStatus.BOOKED, FAMILY_SMS, MISTAKE, TOMORROW)
        .status());
  }

  @Test
  @DisplayName("a past cancelled appointment cannot be restored; a re-plan may book a cancelled one again")
  void restoring() {
    assertEquals(409, refusal(AppointmentStatus.CANCELLED, AppointmentStatus.BOOKED, COORDINATOR, MISTAKE, YESTERDAY)
        .status());
    assertNull(refusal(AppointmentStatus.CANCELLED, AppointmentStatus.BOOKED, new Actor.Plan(UUID.randomUUID()),
        StatusReason.of(StatusReason.Kind.REPLANNED), TOMORROW));
    assertEquals(409, refusal(AppointmentStatus.NOSHOW, AppointmentStatus.BOOKED, new Actor.Plan(UUID.randomUUID()),
        StatusReason.of(StatusReason.Kind.REPLANNED), TOMORROW).status());
  }

  @Test
  @DisplayName("a cancellation by the family or a coordinator frees the slot; a re-plan's own does not")
  void freedSlots() {
    var byFamily = new AppointmentLifecycle.Change(UUID.randomUUID(), AppointmentStatus.CANCELLED, FAMILY_SMS, null);
    var byPlan = new AppointmentLifecycle.Change(UUID.randomUUID(), AppointmentStatus.CANCELLED,
        new Actor.Plan(UUID.randomUUID()), null);
    assertTrue(AppointmentLifecycle.frees(AppointmentStatus.BOOKED, byFamily, TOMORROW, NOW));
    assertTrue(!AppointmentLifecycle.frees(AppointmentStatus.BOOKED, byPlan, TOMORROW, NOW));
    assertTrue(!AppointmentLifecycle.frees(AppointmentStatus.BOOKED, byFamily, YESTERDAY, NOW));
    assertTrue(!AppointmentLifecycle.frees(AppointmentStatus.PROPOSED, byFamily, TOMORROW, NOW));
  }

  @Test
  @DisplayName("every status has a Romanian and an English label and a wire name that reads back")
  void labels() {
    for (AppointmentStatus s : AppointmentStatus.values()) {
      assertEquals(s, AppointmentStatus.of(s.wire()));
      assertTrue(!s.labelRo().isBlank() && !s.labelEn().isBlank());
      assertTrue(!s.labelRo().equals(s.wire()), s.wire());
    }
  }
}
