package ro.caravana.scheduler.imports;

import io.vertx.core.json.JsonObject;

/** One problem of one row: the row number people see, the column, the value as written, the reason in both languages. */
record RowError(int row, String field, String column, String value, String reasonRo, String reasonEn) {

  JsonObject toJson() {
    return new JsonObject().put("row", row).put("field", field).put("column", column).put("value", value)
        .put("reason", new JsonObject().put("ro", reasonRo).put("en", reasonEn));
  }
}
