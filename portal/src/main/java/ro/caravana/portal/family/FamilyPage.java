package ro.caravana.portal.family;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import ro.caravana.portal.page.Labels;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.Pages;
import ro.caravana.scheduler.interop.calendar.CalendarEntry;
import ro.caravana.scheduler.interop.calendar.IcsWriter;

/**
 * The family's page behind the SMS link ({@code /l/{code}} shows it; {@code /familie/{token}} is the signed link
 * itself): the appointment in plain words, Confirm and Cancel (through the family link's API, the same
 * lifecycle as an SMS reply), a calendar file, and for a video consultation when the call opens. No account:
 * the link decides, and the page shows only what the link's API shows (the first name, nothing else of the record).
 */
public final class FamilyPage {

  /** A family link token as {@code FamilyLinks} writes it; anything else is not looked up. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}");
  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

  private final Pages pages;
  private Future<IcsWriter> writer;

  private FamilyPage(Pages pages) {
    this.pages = pages;
  }

  public static void mount(Router router, Pages pages) {
    FamilyPage page = new FamilyPage(pages);
    router.get("/familie/:token").handler(page::show);
    router.post("/familie/:token/confirmare").handler(ctx -> page.respond(ctx, "confirm"));
    router.post("/familie/:token/anulare").handler(ctx -> page.respond(ctx, "cancel"));
    router.get("/familie/:token/programare.ics").handler(page::calendar);
    router.get("/familie/:token/apel").handler(page::join);
  }

  private String token(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    return token != null && TOKEN.matcher(token).matches() ? token : null;
  }

  private void show(RoutingContext ctx) {
    Lang lang = Lang.of(ctx);
    String token = token(ctx);
    if (token == null) {
      gone(ctx, lang);
      return;
    }
    pages.api().get(ctx, "/api/family/" + token).onSuccess(a -> {
      if (!a.ok()) {
        gone(ctx, lang);
        return;
      }
      pages.render(ctx, lang, null, "family", model(a.body(), token, lang, ctx.request().getParam("facut")), 200);
    }).onFailure(e -> gone(ctx, lang));
  }

  /** Confirm or cancel, then the page again saying what was done (or why nothing could be). */
  private void respond(RoutingContext ctx, String action) {
    String token = token(ctx);
    if (token == null) {
      gone(ctx, Lang.of(ctx));
      return;
    }
    pages.api().send(ctx, HttpMethod.POST, "/api/family/" + token + "/" + action, new JsonObject()).onSuccess(a -> {
      String done = a.ok() ? (action.equals("confirm") ? "confirmat" : "anulat") : a.status() == 409 ? "imposibil" : null;
      if (done == null) {
        gone(ctx, Lang.of(ctx));
        return;
      }
      ctx.response().setStatusCode(303).putHeader("Location", "/familie/" + token + "?facut=" + done).end();
    }).onFailure(e -> gone(ctx, Lang.of(ctx)));
  }

  /** The family's ticket to the call: the call page (which says when the call opens, if it is early). */
  private void join(RoutingContext ctx) {
    String token = token(ctx);
    if (token == null) {
      gone(ctx, Lang.of(ctx));
      return;
    }
    pages.api().get(ctx, "/api/family/" + token + "/join").onSuccess(a -> {
      if (a.ok() && a.body().getString("url") != null) {
        ctx.response().setStatusCode(303).putHeader("Location", a.body().getString("url")).end();
      } else if (a.status() == 409) {
        ctx.response().setStatusCode(303).putHeader("Location", "/familie/" + token + "?facut=incheiat").end();
      } else {
        gone(ctx, Lang.of(ctx));
      }
    }).onFailure(e -> gone(ctx, Lang.of(ctx)));
  }

  private void calendar(RoutingContext ctx) {
    String token = token(ctx);
    if (token == null) {
      gone(ctx, Lang.of(ctx));
      return;
    }
    Lang lang = Lang.of(ctx);
    pages.api().get(ctx, "/api/family/" + token).onSuccess(a -> {
      if (!a.ok()) {
        gone(ctx, lang);
        return;
      }
      JsonObject v = a.body();
      // the service only (the family's own file: no name at all); the link's API carries no version, so SEQUENCE 0
      CalendarEntry entry = new CalendarEntry(UUID.fromString(v.getString("appointmentId")), 0,
          Labels.text("service", v.getString("service"), lang), placeText(v.getJsonObject("place"), lang),
          OffsetDateTime.parse(v.getString("startsAt")).atZoneSameInstant(ZONE),
          OffsetDateTime.parse(v.getString("endsAt")).atZoneSameInstant(ZONE), v.getString("status"), Instant.now());
      writer(ctx).onSuccess(w -> ctx.response().putHeader("Content-Type", IcsWriter.CONTENT_TYPE)
          .putHeader("Content-Disposition", "attachment; filename=\"programare.ics\"")
          .putHeader("Cache-Control", "no-store")
          .end(w.single(entry))).onFailure(ctx::fail);
    }).onFailure(e -> gone(ctx, lang));
  }

  /**
   * The interop calendar's writer (the code of the staff and caravan feeds: VTIMEZONE, stable UID), built once and
   * off the event loop (loading ical4j's time zone data takes seconds).
   */
  private synchronized Future<IcsWriter> writer(RoutingContext ctx) {
    if (writer == null) writer = ctx.vertx().executeBlocking(() -> new IcsWriter(ZONE), false);
    return writer;
  }

  private void gone(RoutingContext ctx, Lang lang) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", pages.messages().text(lang, "family.goneTitle"));
    m.put("gone", true);
    pages.render(ctx, lang, null, "family", m, 404);
  }

  Map<String, Object> model(JsonObject v, String token, Lang lang, String done) {
    OffsetDateTime start = OffsetDateTime.parse(v.getString("startsAt")).atZoneSameInstant(ZONE).toOffsetDateTime();
    OffsetDateTime end = OffsetDateTime.parse(v.getString("endsAt")).atZoneSameInstant(ZONE).toOffsetDateTime();
    OffsetDateTime now = OffsetDateTime.now(ZONE);
    String status = v.getString("status");
    boolean open = ("booked".equals(status) || "proposed".equals(status)) && start.isAfter(now);
    boolean remote = "remote".equals(v.getJsonObject("place").getString("modality"));
    Map<String, Object> m = new HashMap<>();
    m.put("title", pages.messages().text(lang, "family.title"));
    m.put("firstName", v.getString("firstName"));
    m.put("day", DateTimeFormatter.ofPattern("EEEE, d MMMM", lang.locale()).format(start));
    m.put("time", HM.format(start));
    m.put("endTime", HM.format(end));
    m.put("service", v.getString("service"));
    m.put("professionalRole", v.getString("professionalRole"));
    m.put("place", placeText(v.getJsonObject("place"), lang));
    m.put("directions", directions(v.getJsonObject("place"), lang));
    m.put("canRespond", open);
    m.put("confirmed", "confirmed".equals(v.getString("response")) && !"cancelled".equals(status));
    m.put("cancelled", "cancelled".equals(status));
    m.put("past", !end.isAfter(now));
    m.put("done", done == null ? null : switch (done) {
      case "confirmat" -> pages.messages().text(lang, "family.doneConfirmed");
      case "anulat" -> pages.messages().text(lang, "family.doneCancelled");
      case "imposibil" -> pages.messages().text(lang, "family.doneImpossible");
      case "incheiat" -> pages.messages().text(lang, "family.videoOver");
      default -> null;
    });
    m.put("base", "/familie/" + token);
    m.put("remote", remote);
    if (remote && !"cancelled".equals(status)) {
      OffsetDateTime opens = start.minusMinutes(10);
      m.put("videoEarly", now.isBefore(opens));
      m.put("videoOpen", !now.isBefore(opens) && now.isBefore(end.plusMinutes(30)));
      m.put("videoOver", !now.isBefore(end.plusMinutes(30)));
      m.put("opens", HM.format(opens));
    }
    return m;
  }

  static String placeText(JsonObject place, Lang lang) {
    String modality = place.getString("modality");
    if ("centre".equals(modality)) {
      return String.join(", ", nonNull(place.getString("name"), place.getString("locality")));
    }
    if ("caravan".equals(modality)) {
      return (lang == Lang.EN ? "Medical caravan, " : "Caravana medicală, ") + place.getString("locality");
    }
    return lang == Lang.EN ? "By video, from home" : "Prin video, de acasă";
  }

  private static String directions(JsonObject place, Lang lang) {
    String modality = place.getString("modality");
    if ("centre".equals(modality) && place.getString("address") != null) {
      return (lang == Lang.EN ? "Address: " : "Adresa: ") + place.getString("address")
          + (place.getString("locality") == null ? "" : ", " + place.getString("locality"));
    }
    if ("caravan".equals(modality)) {
      return lang == Lang.EN
          ? "The medical caravan comes to " + place.getString("locality") + "; please come 10 minutes early."
          : "Caravana medicală vine în " + place.getString("locality") + "; veniți cu 10 minute mai devreme.";
    }
    return null;
  }

  private static String[] nonNull(String... parts) {
    return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toArray(String[]::new);
  }
}
