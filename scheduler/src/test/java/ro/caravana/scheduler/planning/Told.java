package ro.caravana.scheduler.planning;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;

/** What a family was told about one appointment, as the appointments API shows it. */
record Told(String status, Instant start, Instant end, Long staffId, Long roomId, Integer stopSiruta) {

  static Told of(JsonObject a) {
    return new Told(a.getString("status"), OffsetDateTime.parse(a.getString("startsAt")).toInstant(),
        OffsetDateTime.parse(a.getString("endsAt")).toInstant(),
        a.getLong("staffId"), a.getLong("roomId"), a.getInteger("stopSiruta"));
  }
}
