package ro.caravana.portal.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.portal.cli.AdminCommand;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.notice.smpp.LocalSmscServer;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.support.TestSystem;

/**
 * A directorate's first day with Caravana, from an empty database in serve mode to a report, with no demo
 * data anywhere: the administrator from the command line, signing in, the organisation through the API, people
 * and care plans from spreadsheets, a planned and published week, SMS through a real SMPP peer, attendance
 * and the attendance report.
 */
@DisplayName("A production day, end to end")
class ProductionDayTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final String PASSWORD = "Plan-saptamanal-Asau-2026";
  private static final int ASAU = 21132;

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("empty database -> admin create-user -> sign in -> centre, room, staff, caravan -> import people and "
      + "care plans -> plan -> publish -> SMS over SMPP -> attendance -> report")
  void productionDay() throws Exception {
    DatabaseSettings db = TestSystem.freshDatabaseSettings();
    LocalSmscServer smsc = LocalSmscServer.start(0, "dgaspc", "smpp-pw", 20);
    Vertx vertx = Vertx.vertx();
    try {
      // 1. the first administrator, from the command line, against the database serve will use
      AppConfig cli = AppConfig.of(Map.of("db.url", db.jdbcUrl(), "db.user", db.user(), "db.password", db.password()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code = AdminCommand.run(new String[] {"create-user", "--email", "admin@dgaspc-bc.test", "--role", "admin",
          "--password-stdin"}, new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), cli);
      assertEquals(0, code, out.toString(StandardCharsets.UTF_8));

      // 2. serve mode (demo false: nothing but the localities is loaded), SMS through SMPP to a real peer
      AppConfig config = TestSystem.config(Map.of("sms.enabled", "true", "sms.gateway", "smpp",
          "sms.smpp.host", "127.0.0.1", "sms.smpp.port", String.valueOf(smsc.port()), "sms.smpp.system-id", "dgaspc",
          "sms.smpp.password", "smpp-pw", "sms.quiet-hours", "none", "sms.sender.poll-ms", "50",
          "sms.reminder.enabled", "false", "planning.consume-requests", "false"))
          .with("sms.notifier.group", "notifier-production-" + System.nanoTime());
      SchedulerApp app = await(SchedulerApp.start(vertx, config, db, TestSystem.kafkaBootstrap(), false, (r, c) -> { }));
      try {
        Api api = new Api(WebClient.create(vertx), app.port());
        assertEquals(0L, count(app, "beneficiaries"), "no demo data");
        assertEquals(0L, count(app, "community_centres"), "no demo data");
        assertEquals(1L, count(app, "accounts"), "only the administrator");

        // 3. sign in
        HttpResponse<Buffer> login = api.call(HttpMethod.POST, "/api/auth/login",
            new JsonObject().put("email", "admin@dgaspc-bc.test").put("password", PASSWORD));
        assertEquals(200, login.statusCode(), login.bodyAsString());
        api.token = login.bodyAsJsonObject().getString("token");

        // 4. the organisation
        JsonObject week = new JsonObject();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
          week.put(day, new JsonObject().put("open", "08:00").put("close", "18:00"));
        }
        long centre = api.created("/api/centres", new JsonObject().put("code", "CC-BC-01").put("name", "Centrul comunitar Asău")
            .put("localitySiruta", ASAU).put("address", "Str. Principală 1").put("openingHours", week));
        api.created("/api/centres/" + centre + "/rooms", new JsonObject().put("name", "Sala de kinetoterapie")
            .put("kind", "therapy").put("equipment", new JsonArray().add("kinetotherapy")).put("capacity", 1));
        JsonObject hours = new JsonObject();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
          hours.put(day, new JsonArray().add(new JsonObject().put("from", "08:00").put("to", "18:00")));
        }
        api.created("/api/staff", new JsonObject().put("code", "ST-BC-01").put("firstName", "Ioana").put("lastName", "Munteanu")
            .put("role", "kinetotherapist").put("skills", new JsonArray().add("kinetotherapy")).put("county", "BC")
            .put("centreId", centre).put("weeklyAvailability", hours));
        api.created("/api/caravans", new JsonObject().put("code", "CAR-BC-1").put("name", "Caravana Bacău").put("county", "BC")
            .put("depotSiruta", 20304).put("crew", new JsonArray().add("doctor").add("nurse")).put("consultationsPerDay", 20)
            .put("shiftStart", "08:00").put("shiftEnd", "16:00"));

        // 5. the spreadsheets the directorate keeps
        String a = Cnp.of(LocalDate.of(2014, 4, 2), 'F', 4, 11);
        String b = Cnp.of(LocalDate.of(2016, 9, 20), 'M', 4, 12);
        String people = "Nume;Prenume;CNP;Localitate;Comuna/UAT;Județ;Telefon;Categorie;Reprezentant legal;Acord SMS;Acord prelucrare date\n"
            + "Popa;Ana;" + a + ";Asău;Asău;BC;0745 111 222;copil cu dizabilități;Popa Maria;Da;Da\n"
            + "Lungu;Matei;" + b + ";Asău;Asău;BC;0746 333 444;copil cu dizabilități;Lungu Ion;Da;Da\n";
        HttpResponse<Buffer> dry = api.upload("/api/imports/beneficiaries?dryRun=true", people, "text/csv");
        assertEquals(200, dry.statusCode(), dry.bodyAsString());
        assertEquals(2, dry.bodyAsJsonObject().getInteger("valid"), dry.bodyAsString());
        assertEquals(0L, count(app, "beneficiaries"));
        HttpResponse<Buffer> imported = api.upload("/api/imports/beneficiaries", people, "text/csv");
        assertEquals(201, imported.statusCode(), imported.bodyAsString());
        String from = LocalDate.now(ZONE).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        String plans = "CNP;Serviciu;Ședințe pe săptămână;Durată;Mod;Centru;De la\n"
            + a + ";Kinetoterapie;2;45;centru;CC-BC-01;" + from + "\n"
            + b + ";Kinetoterapie;1;45;centru;CC-BC-01;" + from + "\n";
        HttpResponse<Buffer> planned = api.upload("/api/imports/care-plans", plans, "text/csv");
        assertEquals(201, planned.statusCode(), planned.bodyAsString());
        assertEquals(2, planned.bodyAsJsonObject().getInteger("created"));

        // 6. plan a week two weeks ahead, then publish it
        LocalDate day = LocalDate.now(ZONE).plusDays(14);
        String isoWeek = String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        HttpResponse<Buffer> start = api.call(HttpMethod.POST, "/api/plans", new JsonObject().put("county", "BC")
            .put("week", isoWeek).put("kinds", new JsonArray().add("timetable")).put("secondsLimit", 5));
        assertEquals(202, start.statusCode(), start.bodyAsString());
        String plan = start.bodyAsJsonObject().getString("id");
        JsonObject finished = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
          finished = api.call(HttpMethod.GET, "/api/plans/" + plan, null).bodyAsJsonObject();
          if (!List.of("queued", "solving").contains(finished.getString("status"))) break;
          Thread.sleep(300);
        }
        assertEquals("solved", finished.getString("status"), finished.encode());
        HttpResponse<Buffer> published = api.call(HttpMethod.POST, "/api/plans/" + plan + "/publish", null);
        assertEquals(200, published.statusCode(), published.bodyAsString());
        JsonArray appointments = api.call(HttpMethod.GET, "/api/appointments?county=BC&limit=100", null).bodyAsJsonObject()
            .getJsonArray("items");
        assertEquals(3, appointments.size(), "2 + 1 sessions a week: " + appointments.encode());

        // 7. the families hear about it by SMS, through the SMPP peer
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && smsc.accepted().stream().map(LocalSmscServer.Submitted::destination)
            .distinct().count() < 2) {
          Thread.sleep(200);
        }
        List<String> phones = smsc.accepted().stream().map(LocalSmscServer.Submitted::destination).distinct().sorted().toList();
        assertEquals(List.of("40745111222", "40746333444"), phones);
        assertFalse(smsc.accepted().get(0).text().isBlank());

        // 8. attendance, then the report counts it
        String first = appointments.getJsonObject(0).getString("id");
        HttpResponse<Buffer> mark = api.call(HttpMethod.POST, "/api/appointments/" + first + "/attendance",
            new JsonObject().put("status", "fulfilled").put("minutes", 45).put("recordedBy", "Ioana Munteanu"));
        assertTrue(mark.statusCode() == 200 || mark.statusCode() == 201, mark.bodyAsString());
        String weekFrom = day.with(java.time.DayOfWeek.MONDAY).toString();
        String weekTo = day.with(java.time.DayOfWeek.SUNDAY).toString();
        JsonObject report = api.call(HttpMethod.GET, "/api/reports/attendance?level=locality&county=BC&from=" + weekFrom
            + "&to=" + weekTo, null).bodyAsJsonObject();
        JsonObject row = report.getJsonArray("items").getJsonObject(0);
        assertEquals(ASAU, row.getInteger("siruta"), report.encode());
        assertEquals(3, row.getLong("planned"), report.encode());
        assertEquals(1, row.getLong("fulfilled"), report.encode());
      } finally {
        await(app.close());
      }
    } finally {
      await(vertx.close());
      smsc.close();
    }
  }

  private static long count(SchedulerApp app, String table) {
    return await(app.pool().query("SELECT count(*) FROM " + table).execute()).iterator().next().getLong(0);
  }

  /** Blocking calls as the signed-in administrator. */
  private static final class Api {
    private final WebClient client;
    private final int port;
    String token;

    Api(WebClient client, int port) {
      this.client = client;
      this.port = port;
    }

    HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
      var request = client.request(method, port, "127.0.0.1", path);
      if (token != null) request.putHeader("Authorization", "Bearer " + token);
      return await(body == null ? request.send() : request.sendJsonObject(body));
    }

    long created(String path, JsonObject body) {
      HttpResponse<Buffer> r = call(HttpMethod.POST, path, body);
      if (r.statusCode() != 201) fail(path + ": " + r.statusCode() + " " + r.bodyAsString());
      return r.bodyAsJsonObject().getLong("id");
    }

    HttpResponse<Buffer> upload(String path, String text, String type) {
      return await(client.post(port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8))));
    }
  }
}
