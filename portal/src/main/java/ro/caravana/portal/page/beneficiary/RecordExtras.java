package ro.caravana.portal.page.beneficiary;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.scheduler.access.Role;

/**
 * What the record page shows beside the person's facts: the SMS thread (notices sent and the family's replies, newest
 * first), the consent history, and for administrators the GDPR export and erasure. Over {@code /api/notifications},
 * {@code /api/sms/replies}, {@code /api/beneficiaries/{id}/consent}, {@code /export} and {@code /erase}.
 */
final class RecordExtras {

  /** GDPR export and erasure on the page: administrators (the API also lets the county coordinator). */
  static final Set<Role> GDPR_ROLES = EnumSet.of(Role.ADMIN);
  static final int THREAD = 30;

  private RecordExtras() {}

  /** The thread and the consent history; a part the caller may not read stays empty rather than failing the page. */
  static Future<JsonObject> read(PageRequest req, String id) {
    Future<JsonObject> notices = optional(req, "/api/notifications?beneficiaryId=" + id + "&limit=" + THREAD);
    Future<JsonObject> replies = optional(req, "/api/sms/replies?beneficiaryId=" + id + "&limit=" + THREAD);
    Future<JsonObject> consent = optional(req, "/api/beneficiaries/" + id + "/consent");
    return Future.all(notices, replies, consent).map(v -> new JsonObject().put("notices", notices.result())
        .put("replies", replies.result()).put("consent", consent.result()));
  }

  private static Future<JsonObject> optional(PageRequest req, String path) {
    return req.get(path).map(a -> a.ok() ? a.body() : new JsonObject());
  }

  static void model(Map<String, Object> m, PageRequest req, JsonObject extras) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", req.lang().locale());
    record Line(Instant at, JsonObject json) {}
    List<Line> lines = new ArrayList<>();
    for (Object o : extras.getJsonObject("notices").getJsonArray("items", new JsonArray())) {
      JsonObject n = (JsonObject) o;
      Instant at = Instant.parse(n.getString("sentAt", n.getString("createdAt")));
      lines.add(new Line(at, new JsonObject().put("out", true).put("when", f.format(at.atZone(BeneficiaryPages.ZONE)))
          .put("text", n.getString("body")).put("what", req.label("noticeKind", n.getString("kind")))
          .put("status", req.label("noticeStatus", n.getString("status")))));
    }
    for (Object o : extras.getJsonObject("replies").getJsonArray("items", new JsonArray())) {
      JsonObject r = (JsonObject) o;
      Instant at = Instant.parse(r.getString("receivedAt"));
      lines.add(new Line(at, new JsonObject().put("out", false).put("when", f.format(at.atZone(BeneficiaryPages.ZONE)))
          .put("text", r.getString("body")).put("what", req.label("reply", r.getString("intent")))));
    }
    lines.sort(Comparator.comparing(Line::at).reversed());
    JsonArray thread = new JsonArray();
    lines.forEach(l -> thread.add(l.json()));
    m.put("thread", thread);
    JsonArray consent = new JsonArray();
    for (Object o : extras.getJsonObject("consent").getJsonArray("items", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      String kind = "sms".equals(c.getString("kind")) ? "person.consent.sms" : "person.consent.data";
      consent.add(new JsonObject().put("when", f.format(Instant.parse(c.getString("at")).atZone(BeneficiaryPages.ZONE)))
          .put("what", req.t(kind) + ": " + req.t(c.getBoolean("granted", false) ? "person.consent.granted" : "person.consent.withdrawn")));
    }
    m.put("consentHistory", consent);
    m.put("gdpr", GDPR_ROLES.contains(req.role()));
  }

  /** A care plan as the plan form's values. */
  static JsonObject planForm(JsonObject p) {
    JsonObject f = new JsonObject();
    for (String k : BeneficiaryPages.PLAN_FIELDS) {
      Object v = p.getValue(k);
      if (v != null) f.put(k, String.valueOf(v));
    }
    return f;
  }

  /** {@code GET /beneficiari/{id}/export}: the API's GDPR export as a download. */
  static Future<Map<String, Object>> export(PageRequest req) {
    String id = req.ctx().pathParam("id");
    if (!BeneficiaryPages.canonical(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    return req.api().raw(req.ctx(), "/api/beneficiaries/" + id + "/export").compose(r -> {
      if (r.statusCode() != 200) return Future.failedFuture(new PageError(r.statusCode() == 403 ? 403 : 404,
          r.statusCode() == 403 ? "error.forbidden" : "error.notFound"));
      req.ctx().response().putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"date-personale-" + id + ".json\"")
          .putHeader("Cache-Control", "no-store")
          .end(r.body());
      return Future.succeededFuture(Map.<String, Object>of());
    });
  }

  /** {@code POST /beneficiari/{id}/stergere}: erasure after the confirmation box is ticked; else the box's error. */
  static Future<Map<String, Object>> erase(PageRequest req, RecordBuilder record) {
    String id = req.ctx().pathParam("id");
    if (!BeneficiaryPages.canonical(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    if (req.ctx().request().getFormAttribute("confirm") == null) {
      req.ctx().response().setStatusCode(400);
      return record.build(req, null, new JsonObject(), null, new JsonObject()).map(m -> {
        m.put("eraseError", req.t("person.gdpr.confirmMissing"));
        return m;
      });
    }
    return req.send(HttpMethod.POST, "/api/beneficiaries/" + id + "/erase", new JsonObject()).compose(a -> {
      if (!a.ok()) return Future.failedFuture(PageError.of(a));
      req.ctx().redirect("/beneficiari/" + id + "?mesaj=sters");
      return Future.succeededFuture(Map.<String, Object>of());
    });
  }

  @FunctionalInterface
  interface RecordBuilder {
    Future<Map<String, Object>> build(PageRequest req, JsonObject typed, JsonObject errors, JsonObject typedPlan,
        JsonObject planErrors);
  }
}
