package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Plan jobs after a restart")
class PlanRestartTest {

  private static final String INSERT = "INSERT INTO plans (id, county, week, kinds, seconds_limit, status, started_at) "
      + "VALUES ($1, 'BC', $2, ARRAY['routes', 'timetable'], 30, $3, CASE WHEN $3 = 'queued' THEN NULL ELSE now() END)";

  @Test
  @DisplayName("jobs left queued or solving are marked failed with the reason when the service starts; others are untouched")
  void interruptedJobsFail() throws Exception {
    DatabaseSettings db = TestSystem.freshDatabaseSettings();
    AppConfig config = TestSystem.config(Map.of("planning.consume-requests", "false"));
    String week = PlanApi.weekAhead(14);
    UUID solving = UUID.randomUUID();
    UUID queued = UUID.randomUUID();
    UUID solved = UUID.randomUUID();

    // a first process loads the county and leaves jobs behind, as a crash would
    Vertx first = Vertx.vertx();
    SchedulerApp before = SchedulerApp.start(first, config, db, TestSystem.kafkaBootstrap(), false, (r, c) -> { })
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    PlanApi.await(before.pool().preparedQuery(INSERT).execute(Tuple.of(solving, week, "solving")));
    PlanApi.await(before.pool().preparedQuery(INSERT).execute(Tuple.of(queued, PlanApi.weekAhead(21), "queued")));
    PlanApi.await(before.pool().preparedQuery(INSERT).execute(Tuple.of(solved, PlanApi.weekAhead(28), "solved")));
    first.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);

    Vertx second = Vertx.vertx();
    try {
      SchedulerApp after = SchedulerApp.start(second, config, db, TestSystem.kafkaBootstrap(), false, (r, c) -> { })
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      PlanApi api = new PlanApi(second, after.port());
      for (UUID id : new UUID[] {solving, queued}) {
        JsonObject plan = api.plan(id);
        assertEquals("failed", plan.getString("status"), plan.encode());
        assertTrue(plan.getString("error").contains("Stopped by a service restart; start the plan again."), plan.encode());
        assertTrue(plan.getString("error").contains("repornire"), plan.encode());
        assertNotNull(plan.getString("finishedAt"));
      }
      assertEquals("solved", api.plan(solved).getString("status"));
      // the county-week is free again: a new job is accepted (and stopped at once to spare the machine)
      UUID again = api.start("BC", week, 1);
      api.postEmpty("/api/plans/" + again + "/stop");
      assertTrue(Set.of("solved", "failed").contains(api.awaitFinished(again, 60).getString("status")));
    } finally {
      second.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }
}
