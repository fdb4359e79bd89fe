package ro.caravana.scheduler.horizon;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A solved horizon: its caravan stops, the report per locality and the totals. */
public record HorizonResult(List<Stop> stops, JsonArray localities, JsonObject summary, String score) {

  /** One stop: caravan, day, order, place, people, times, whether it was published before, where its road times came from. */
  public record Stop(long caravanId, LocalDate day, int position, int siruta, int people, OffsetDateTime arrivesAt,
      OffsetDateTime departsAt, boolean pinned, String legSource, String backSource) {}
}
