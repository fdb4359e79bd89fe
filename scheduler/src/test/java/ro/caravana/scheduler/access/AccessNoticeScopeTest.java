package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.notice.NoticeDraft;
import ro.caravana.scheduler.notice.NoticeKind;
import ro.caravana.scheduler.notice.NoticeRepository;
import ro.caravana.scheduler.notice.NoticeStatus;
import ro.caravana.scheduler.notice.text.SmsText;

@DisplayName("SMS notices and replies are read within the caller's counties and centre")
class AccessNoticeScopeTest {

  private static SchedulerApp app;
  private static ApiClient api;
  private static long vnNotice;
  private static long bcCentreNotice;
  private static long bcOtherNotice;
  private static long vnReply;
  private static long bcReply;

  @BeforeAll
  static void start() {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    long centre = sql("SELECT centre_id FROM accounts WHERE email = 'coordonator.centru@caravana.demo'").get(0).getLong(0);
    UUID vn = beneficiary("b.id IN (SELECT b2.id FROM beneficiaries b2 JOIN localities l2 ON l2.siruta = b2.locality_siruta"
        + " WHERE l2.county = 'VN')");
    UUID bcCentre = beneficiary("b.centre_id = " + centre);
    UUID bcOther = beneficiary("b.centre_id <> " + centre + " AND b.id IN (SELECT b2.id FROM beneficiaries b2"
        + " JOIN localities l2 ON l2.siruta = b2.locality_siruta WHERE l2.county = 'BC')");
    vnNotice = notice(vn);
    bcCentreNotice = notice(bcCentre);
    bcOtherNotice = notice(bcOther);
    vnReply = reply(vnNotice);
    bcReply = reply(bcCentreNotice);
  }

  private static UUID beneficiary(String condition) {
    return sql("SELECT b.id FROM beneficiaries b WHERE b.phone IS NOT NULL AND " + condition + " ORDER BY b.id LIMIT 1")
        .get(0).getUUID(0);
  }

  /** A notice written the way the notifier writes them (suppressed, so nothing is sent). */
  private static long notice(UUID beneficiary) {
    String key = "test:scope:" + UUID.randomUUID();
    Instant now = Instant.now();
    await(NoticeRepository.insertAll(app.pool(), List.of(new NoticeDraft(key, null, null, beneficiary, NoticeKind.BOOKED,
        "+40721999000", "ro", SmsText.prepare("Ana: consultatie. DA=confirm, NU=anulez", false, 5), now,
        NoticeStatus.SUPPRESSED, "no_consent", now))));
    return sql("SELECT id FROM notices WHERE dedupe_key = $1", key).get(0).getLong(0);
  }

  private static long reply(long notice) {
    return sql("INSERT INTO sms_replies (phone, body, intent, notice_id, outcome) VALUES ('+40721999000', 'Vin mai tarziu',"
        + " 'other', $1, 'for_coordinator') RETURNING id", notice).get(0).getLong(0);
  }

  private static List<Long> ids(JsonObject page) {
    List<Long> out = new ArrayList<>();
    page.getJsonArray("items").forEach(i -> out.add(((JsonObject) i).getLong("id")));
    return out;
  }

  @Test
  @DisplayName("a Vrancea coordinator lists only Vrancea notices; a Bacău notice by id is 404; ?county=BC is 403")
  void vranceaCoordinator() {
    String vn = api.token("coordonator.vn@caravana.demo");
    var list = api.get("/api/notifications?limit=2000", vn);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    JsonObject page = list.bodyAsJsonObject();
    JsonArray items = page.getJsonArray("items");
    assertFalse(items.isEmpty());
    items.forEach(i -> assertEquals("VN", ((JsonObject) i).getString("county"), ((JsonObject) i).encode()));
    assertTrue(ids(page).contains(vnNotice));
    assertFalse(ids(page).contains(bcCentreNotice));
    assertFalse(ids(page).contains(bcOtherNotice));
    assertEquals(200, api.get("/api/notifications/" + vnNotice, vn).statusCode());
    var bc = api.get("/api/notifications/" + bcCentreNotice, vn);
    assertEquals(404, bc.statusCode());
    assertEquals(404, api.get("/api/notifications/999999999", vn).statusCode(), "the same answer as for an unknown id");
    assertEquals(403, api.get("/api/notifications?county=BC", vn).statusCode());
    assertEquals(200, api.get("/api/notifications?county=VN", vn).statusCode());

    JsonObject replies = api.get("/api/sms/replies?limit=2000", vn).bodyAsJsonObject();
    assertTrue(ids(replies).contains(vnReply));
    assertFalse(ids(replies).contains(bcReply));
    assertEquals(403, api.get("/api/sms/replies?county=BC", vn).statusCode());
  }

  @Test
  @DisplayName("a Bacău coordinator sees Bacău notices; a centre coordinator only those of its centre")
  void bacauAndCentre() {
    String bc = api.token("coordonator.bc@caravana.demo");
    List<Long> bcIds = ids(api.get("/api/notifications?limit=2000", bc).bodyAsJsonObject());
    assertTrue(bcIds.contains(bcCentreNotice) && bcIds.contains(bcOtherNotice));
    assertFalse(bcIds.contains(vnNotice));
    assertEquals(404, api.get("/api/notifications/" + vnNotice, bc).statusCode());

    String centre = api.token("coordonator.centru@caravana.demo");
    List<Long> centreIds = ids(api.get("/api/notifications?limit=2000", centre).bodyAsJsonObject());
    assertTrue(centreIds.contains(bcCentreNotice));
    assertFalse(centreIds.contains(bcOtherNotice));
    assertFalse(centreIds.contains(vnNotice));
    assertEquals(200, api.get("/api/notifications/" + bcCentreNotice, centre).statusCode());
    assertEquals(404, api.get("/api/notifications/" + bcOtherNotice, centre).statusCode());
    List<Long> centreReplies = ids(api.get("/api/sms/replies?limit=2000", centre).bodyAsJsonObject());
    assertTrue(centreReplies.contains(bcReply));
    assertFalse(centreReplies.contains(vnReply));

    String admin = api.token("admin@caravana.demo");
    List<Long> all = ids(api.get("/api/notifications?limit=2000", admin).bodyAsJsonObject());
    assertTrue(all.contains(vnNotice) && all.contains(bcCentreNotice) && all.contains(bcOtherNotice));
    assertEquals(List.of(vnNotice), ids(api.get("/api/notifications?county=VN&limit=2000", admin).bodyAsJsonObject())
        .stream().filter(id -> id == vnNotice || id == bcCentreNotice || id == bcOtherNotice).toList());
  }

  @Test
  @DisplayName("supervisors and clinicians cannot read notices or replies (phone numbers and names)")
  void noNamesForOthers() {
    for (String who : List.of("supervizor@caravana.demo", "medic@caravana.demo")) {
      String token = api.token(who);
      assertEquals(403, api.get("/api/notifications", token).statusCode(), who);
      assertEquals(403, api.get("/api/notifications/" + vnNotice, token).statusCode(), who);
      assertEquals(403, api.get("/api/sms/replies", token).statusCode(), who);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Row> sql(String query, Object... args) {
    List<Row> out = new ArrayList<>();
    await(app.pool().preparedQuery(query).execute(Tuple.from(args))).forEach(out::add);
    return out;
  }
}
