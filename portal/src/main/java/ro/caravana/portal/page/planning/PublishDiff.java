package ro.caravana.portal.page.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageRequest;

/**
 * Before publishing: what each family will be told, as they will live it. A first plan of the week books every
 * placed appointment; a re-plan tells only those whose appointment moved, was added or was cancelled (the API's
 * {@code diff}). One SMS per family with consent and a phone (the notifier gathers a family's changes into one
 * message); its cost is estimated from the message length in GSM-7 segments and the configured price per segment.
 */
final class PublishDiff {

  static final int ROWS_SHOWN = 60;
  /** Characters a notice adds around the appointment's words: greeting, the link, the DA / NU hint. */
  static final int FRAME_CHARS = 75;

  private PublishDiff() {}

  static JsonObject build(JsonObject plan, List<JsonObject> placed, Names names, Lang lang, PageRequest req, long baniPerSegment) {
    DateTimeFormatter when = DateTimeFormatter.ofPattern(lang == Lang.RO ? "EEE d MMM, HH:mm" : "EEE d MMM, HH:mm", lang.locale());
    Map<String, List<String>> byFamily = new LinkedHashMap<>();
    Map<String, String> kindOf = new LinkedHashMap<>();
    int booked = 0;
    int changed = 0;
    int cancelled = 0;
    JsonObject diff = plan.getJsonObject("diff");
    if (diff == null) {
      for (JsonObject i : placed) {
        booked++;
        add(byFamily, kindOf, i.getString("beneficiaryId"), "booked", req.t("diff.booked", req.label("service", i.getString("service")),
            at(i.getString("start"), when), where(i, names, req)));
      }
    } else {
      for (Object o : diff.getJsonArray("added", new JsonArray())) {
        JsonObject i = (JsonObject) o;
        booked++;
        add(byFamily, kindOf, i.getString("beneficiaryId"), "booked", req.t("diff.booked", req.label("service", i.getString("service")),
            at(i.getString("start"), when), where(i, names, req)));
      }
      for (Object o : diff.getJsonArray("moved", new JsonArray())) {
        JsonObject mv = (JsonObject) o;
        JsonObject from = mv.getJsonObject("from");
        JsonObject to = mv.getJsonObject("to");
        changed++;
        add(byFamily, kindOf, mv.getString("beneficiaryId"), "changed", req.t("diff.moved", req.label("service", mv.getString("service")),
            at(from.getString("start"), when), at(to.getString("start"), when), where(to, names, req)));
      }
      for (Object o : diff.getJsonArray("removed", new JsonArray())) {
        JsonObject i = (JsonObject) o;
        cancelled++;
        add(byFamily, kindOf, i.getString("beneficiaryId"), "cancelled", req.t("diff.cancelled",
            req.label("service", i.getString("service")), at(i.getString("start"), when)));
      }
    }
    int sms = 0;
    int segments = 0;
    int withoutSms = 0;
    JsonArray rows = new JsonArray();
    for (var e : byFamily.entrySet()) {
      JsonObject person = names.personRecord(e.getKey());
      boolean reachable = person != null && person.getString("phone") != null && person.getBoolean("smsConsent", false);
      String text = String.join(" ", e.getValue());
      if (reachable) {
        sms++;
        segments += segments(text.length() + FRAME_CHARS);
      } else {
        withoutSms++;
      }
      if (rows.size() < ROWS_SHOWN) {
        rows.add(new JsonObject().put("who", names.person(e.getKey())).put("href", "/beneficiari/" + e.getKey())
            .put("kind", req.label("noticeKind", kindOf.get(e.getKey())))
            .put("what", new JsonArray(new ArrayList<>(e.getValue())))
            .put("channel", reachable ? req.t("diff.bySms") : req.t("diff.noSms")));
      }
    }
    long bani = (long) segments * baniPerSegment;
    return new JsonObject()
        .put("replan", diff != null)
        .put("unchanged", diff == null ? 0 : diff.getInteger("unchanged", 0))
        .put("booked", booked).put("changed", changed).put("cancelled", cancelled)
        .put("families", byFamily.size()).put("sms", sms).put("segments", segments).put("withoutSms", withoutSms)
        .put("cost", lei(bani, lang))
        .put("rows", rows).put("more", Math.max(0, byFamily.size() - rows.size()))
        .put("empty", byFamily.isEmpty());
  }

  /** GSM-7: one segment holds 160 characters, a long message 153 per segment. */
  static int segments(int chars) {
    return chars <= 160 ? 1 : (chars + 152) / 153;
  }

  static String lei(long bani, Lang lang) {
    String amount = (bani / 100) + (lang == Lang.RO ? "," : ".") + String.format("%02d", bani % 100);
    return amount + " lei";
  }

  private static void add(Map<String, List<String>> byFamily, Map<String, String> kindOf, String who, String kind, String text) {
    byFamily.computeIfAbsent(who, k -> new ArrayList<>()).add(text);
    kindOf.merge(who, kind, (a, b) -> a.equals(b) ? a : "changed");
  }

  private static String at(String iso, DateTimeFormatter f) {
    return iso == null ? "" : OffsetDateTime.parse(iso).atZoneSameInstant(PlanPages.ZONE).format(f);
  }

  private static String where(JsonObject i, Names names, PageRequest req) {
    if (i.getValue("caravanId") != null) return req.t("diff.atCaravan", names.locality(i.getInteger("stopSiruta")));
    if ("remote".equals(i.getString("modality"))) return req.label("modality", "remote");
    return names.centre(i.getLong("centreId"));
  }
}
