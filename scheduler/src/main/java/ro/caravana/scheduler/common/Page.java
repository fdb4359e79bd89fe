package ro.caravana.scheduler.common;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/** One page of a list and the total number of matching items. */
public record Page(JsonArray items, long total) {

  /** Runs the page query and the count query side by side. */
  public static Future<Page> query(Pool pool, String sql, Tuple args, String countSql, Tuple countArgs,
      Function<Row, JsonObject> json) {
    Future<RowSet<Row>> items = pool.preparedQuery(sql).execute(args);
    Future<RowSet<Row>> total = pool.preparedQuery(countSql).execute(countArgs);
    return Future.all(items, total).map(v -> {
      JsonArray out = new JsonArray();
      for (Row r : items.result()) out.add(json.apply(r));
      return new Page(out, total.result().iterator().next().getLong(0));
    });
  }
}
