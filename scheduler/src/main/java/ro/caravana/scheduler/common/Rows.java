package ro.caravana.scheduler.common;

import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Reading nullable columns into JSON values (dates as ISO strings, times in Europe/Bucharest). */
public final class Rows {

  public static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");

  private Rows() {}

  public static String date(Row row, String column) {
    LocalDate d = row.getLocalDate(column);
    return d == null ? null : d.toString();
  }

  public static String time(Row row, String column) {
    LocalTime t = row.getLocalTime(column);
    return t == null ? null : t.toString();
  }

  public static String instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.atZoneSameInstant(ZONE).toOffsetDateTime().toString();
  }

  public static JsonArray texts(Row row, String column) {
    String[] values = row.getArrayOfStrings(column);
    JsonArray out = new JsonArray();
    if (values != null) for (String v : values) out.add(v);
    return out;
  }

  public static String uuid(Row row, String column) {
    var id = row.getUUID(column);
    return id == null ? null : id.toString();
  }
}
