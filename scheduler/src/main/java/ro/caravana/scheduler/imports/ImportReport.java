package ro.caravana.scheduler.imports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an import found: rows read, rows valid, every row problem (row, column, value, reason), the rows already
 * on record (imported before: skipped, never written twice), and after a commit how many records were created.
 */
record ImportReport(int rows, int valid, List<RowError> errors, List<RowError> existing, Integer created, boolean dryRun) {

  JsonObject toJson() {
    JsonArray errs = new JsonArray();
    errors.forEach(e -> errs.add(e.toJson()));
    JsonArray skipped = new JsonArray();
    existing.forEach(e -> skipped.add(e.toJson()));
    JsonObject json = new JsonObject().put("dryRun", dryRun).put("rows", rows).put("valid", valid)
        .put("errors", errs).put("existing", existing.size()).put("skipped", skipped);
    if (created != null) json.put("created", created);
    return json;
  }

  ImportReport committed(int created) {
    return new ImportReport(rows, valid, errors, existing, created, false);
  }
}
