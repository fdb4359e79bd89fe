package ro.caravana.scheduler.planning;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What a solve produced: the draft appointments, the caravan stops, the score and why work was left out. */
public record PlanOutcome(JsonObject score, JsonObject counts, List<Reason> reasons, List<Item> items, List<Stop> stops) {

  /** A reason in both languages, optionally about one item. */
  public record Reason(String itemKey, String ro, String en) {
    public JsonObject toJson() {
      JsonObject j = new JsonObject().put("ro", ro).put("en", en);
      if (itemKey != null) j.put("itemKey", itemKey);
      return j;
    }
  }

  /** One planned appointment; {@code startsAt} null when it could not be placed. */
  public record Item(String itemKey, UUID beneficiaryId, UUID carePlanId, String service, String modality,
      OffsetDateTime startsAt, OffsetDateTime endsAt, Long staffId, Long centreId, Long roomId, Long caravanId,
      Integer stopSiruta, Reason reason) {
    public boolean placed() { return startsAt != null; }

    /**
     * Whether this item sits exactly where the given placement is: same start and end instants,
     * staff, centre, room and caravan stop. What a family would hear nothing new about.
     */
    public boolean samePlacement(OffsetDateTime start, OffsetDateTime end, Long staff, Long centre, Long room,
        Integer stop) {
      return startsAt.toInstant().equals(start.toInstant()) && endsAt.toInstant().equals(end.toInstant())
          && Objects.equals(staffId, staff) && Objects.equals(centreId, centre) && Objects.equals(roomId, room)
          && Objects.equals(stopSiruta, stop);
    }

    public boolean samePlacementAs(Item other) {
      return samePlacement(other.startsAt, other.endsAt, other.staffId, other.centreId, other.roomId, other.stopSiruta);
    }
  }

  /** A caravan stop in visiting order. */
  public record Stop(long caravanId, LocalDate day, int position, int siruta, OffsetDateTime arrivesAt,
      OffsetDateTime departsAt) {}
}
