package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

@DisplayName("Small counts in supervisors' locality reports")
class SmallCountsTest {

  @Test
  @DisplayName("a supervisor sees counts of 1 to 4 in a locality as <5 and no rates from them; a coordinator sees the numbers")
  void smallCountsSuppressed() throws Exception {
    SchedulerApp app = DemoApp.get();
    ApiClient api = new ApiClient(DemoApp.vertx(), app.port());
    var rows = app.pool().query("SELECT b.id, b.locality_siruta FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
        + " WHERE l.county = 'BC' ORDER BY b.id LIMIT 1").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    UUID beneficiary = rows.iterator().next().getUUID(0);
    int siruta = rows.iterator().next().getInteger(1);
    for (String status : new String[] {"fulfilled", "fulfilled", "noshow"}) {
      app.pool().preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, status)"
          + " VALUES ($1, $2, 'counselling', 'remote', TIMESTAMPTZ '2031-05-06 10:00+03', TIMESTAMPTZ '2031-05-06 11:00+03', $3)")
          .execute(Tuple.of(UUID.randomUUID(), beneficiary, status)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    String path = "/api/reports/attendance?level=locality&from=2031-05-06&to=2031-05-06&county=BC";
    JsonObject supervised = row(api.get(path, api.token("supervizor@caravana.demo")).bodyAsJsonObject(), siruta);
    assertEquals("<5", supervised.getValue("planned"));
    assertEquals("<5", supervised.getValue("fulfilled"));
    assertEquals("<5", supervised.getValue("beneficiaries"));
    assertNull(supervised.getValue("attendanceRate"));
    JsonObject coordinated = row(api.get(path, api.token("coordonator.bc@caravana.demo")).bodyAsJsonObject(), siruta);
    assertEquals(3L, coordinated.getLong("planned"));
    assertEquals(2L, coordinated.getLong("fulfilled"));
  }

  private static JsonObject row(JsonObject report, int siruta) {
    return report.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getInteger("siruta") == siruta).findFirst().orElseThrow(() -> new AssertionError(report.encode()));
  }
}
