package ro.caravana.scheduler.reliability;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Row count and an order-independent checksum of every row of every table, to show that a
 * request changed nothing. Tables named in {@code ignored} are left out (say why where used).
 */
final class DatabaseFingerprint {

  private final Pool pool;
  private final List<String> tables;
  private final String busy;

  /** {@code busy}: a count query that is above zero while background work (a solver) still writes. */
  DatabaseFingerprint(Pool pool, Set<String> ignored, String busy) {
    this.pool = pool;
    this.busy = busy;
    List<String> names = new ArrayList<>();
    for (Row r : await(pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        + "AND table_type = 'BASE TABLE' ORDER BY table_name").execute())) {
      String name = r.getString(0);
      if (!ignored.contains(name) && !name.startsWith("flyway")) names.add(name);
    }
    this.tables = List.copyOf(names);
  }

  List<String> tables() {
    return tables;
  }

  /** table -> "rows:md5" for every table, in one statement. */
  Map<String, String> take() {
    StringBuilder sql = new StringBuilder();
    for (String t : tables) {
      if (sql.length() > 0) sql.append(" UNION ALL ");
      sql.append("SELECT '").append(t).append("', count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') FROM \"")
          .append(t).append("\" x");
    }
    Map<String, String> out = new TreeMap<>();
    for (Row r : await(pool.query(sql.toString()).execute())) out.put(r.getString(0), r.getString(1));
    return out;
  }

  /**
   * Waits until no background work is busy and two readings 250 ms apart agree (relays finished),
   * and answers the reading.
   */
  Map<String, String> settled() {
    for (int i = 0; i < 240 && await(pool.query(busy).execute()).iterator().next().getLong(0) > 0; i++) sleep(250);
    Map<String, String> last = take();
    for (int i = 0; i < 40; i++) {
      sleep(250);
      Map<String, String> now = take();
      if (now.equals(last)) return now;
      last = now;
    }
    throw new AssertionError("the database did not settle in 10 s");
  }

  /** The tables whose fingerprint differs. */
  static List<String> changed(Map<String, String> before, Map<String, String> after) {
    List<String> out = new ArrayList<>();
    for (var e : after.entrySet()) if (!e.getValue().equals(before.get(e.getKey()))) out.add(e.getKey());
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
