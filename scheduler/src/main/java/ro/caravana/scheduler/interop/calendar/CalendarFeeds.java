package ro.caravana.scheduler.interop.calendar;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.interop.ServiceNames;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * Private calendar feeds a phone subscribes to: one per staff member and one per caravan, at
 * {@code /api/calendar/{token}.ics}, without a session. The token is the feed id and an HMAC of it, so
 * forged tokens are refused without a database read and no secret is stored; a feed is revoked or
 * rotated (revoked and replaced) by those who may ask for its link. The feed holds the appointments
 * from a month back to three months ahead, cancelled ones included; titles carry the service and the
 * beneficiary's first name only.
 *
 * <p>Links: {@code GET /api/staff/{id}/calendar-link} (the member themselves, or a coordinator of the
 * county) and {@code GET /api/caravans/{id}/calendar-link} (its crew, or a coordinator of the county)
 * answer {@code {url}}, creating the feed on first use; {@code POST .../calendar-link/rotate} replaces it,
 * {@code DELETE .../calendar-link} revokes it.
 */
public final class CalendarFeeds {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int MAC_BYTES = 16;
  private static final String SUFFIX = ".ics";

  /** What a feed follows: a staff member's or a caravan's appointments. */
  enum Subject { STAFF, CARAVAN }

  private static final String LIVE = "SELECT id FROM calendar_feeds WHERE subject = $1 AND subject_id = $2 AND revoked_at IS NULL";
  private static final String CREATE = """
      INSERT INTO calendar_feeds (id, subject, subject_id, created_by) VALUES ($1, $2, $3, $4)
      ON CONFLICT (subject, subject_id) WHERE revoked_at IS NULL DO NOTHING""";
  private static final String REVOKE =
      "UPDATE calendar_feeds SET revoked_at = now() WHERE subject = $1 AND subject_id = $2 AND revoked_at IS NULL";
  private static final String OPEN = """
      UPDATE calendar_feeds SET last_read_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING subject, subject_id""";
  private static final String STAFF = """
      SELECT s.county, s.first_name || ' ' || s.last_name AS name, s.caravan_id FROM staff s WHERE s.id = $1""";
  private static final String CARAVAN = "SELECT v.county, v.name FROM caravans v WHERE v.id = $1";
  /** The caravan a clinician's staff record belongs to. */
  private static final String CREW_OF = "SELECT caravan_id FROM staff WHERE id = $1";
  private static final String ENTRIES = """
      SELECT a.id, a.version, a.service, a.modality, a.starts_at, a.ends_at, a.status, a.updated_at, b.first_name,
        c.name AS centre_name, r.name AS room_name, sl.name AS stop_name
      FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        LEFT JOIN community_centres c ON c.id = a.centre_id
        LEFT JOIN rooms r ON r.id = a.room_id
        LEFT JOIN localities sl ON sl.siruta = a.stop_siruta
      WHERE (CASE WHEN $1 = 'staff' THEN a.staff_id = $2 ELSE a.caravan_id = $2 END)
        AND a.starts_at >= $3 AND a.starts_at < $4
      ORDER BY a.starts_at, a.id""";
  private static final String ONE = """
      SELECT a.id, a.version, a.service, a.modality, a.starts_at, a.ends_at, a.status, a.updated_at, NULL::text AS first_name,
        c.name AS centre_name, r.name AS room_name, sl.name AS stop_name
      FROM appointments a
        LEFT JOIN community_centres c ON c.id = a.centre_id
        LEFT JOIN rooms r ON r.id = a.room_id
        LEFT JOIN localities sl ON sl.siruta = a.stop_siruta
      WHERE a.id = $1""";

  private final Pool pool;
  private final byte[] key;
  private final ZoneId zone;
  /** Built off the event loop: ical4j reads and compiles its time zone data on first use (seconds on a busy machine). */
  private final Future<IcsWriter> writer;
  private final String linkBase;

  /**
   * @param secret   the signing secret of the installation ({@code auth.jwt-secret}); a derived key signs tokens
   * @param linkBase the public address before {@code /api/calendar/...}; empty: the address the request came to
   */
  public CalendarFeeds(Vertx vertx, Pool pool, String secret, ZoneId zone, String linkBase) {
    this.pool = pool;
    this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "caravana calendar feeds v1".getBytes(StandardCharsets.UTF_8));
    this.zone = zone;
    this.writer = vertx.executeBlocking(() -> new IcsWriter(zone), false);
    this.linkBase = linkBase == null ? "" : linkBase.replaceAll("/+$", "");
  }

  public void mount(Router router) {
    router.get("/api/staff/:id/calendar-link").handler(ctx -> link(ctx, Subject.STAFF, false));
    router.post("/api/staff/:id/calendar-link/rotate").handler(ctx -> link(ctx, Subject.STAFF, true));
    router.delete("/api/staff/:id/calendar-link").handler(ctx -> revoke(ctx, Subject.STAFF));
    router.get("/api/caravans/:id/calendar-link").handler(ctx -> link(ctx, Subject.CARAVAN, false));
    router.post("/api/caravans/:id/calendar-link/rotate").handler(ctx -> link(ctx, Subject.CARAVAN, true));
    router.delete("/api/caravans/:id/calendar-link").handler(ctx -> revoke(ctx, Subject.CARAVAN));
    router.get("/api/calendar/:token").handler(this::feed);
  }

  /** One appointment as an {@code .ics} file, titled with its service only (for the family's page). */
  public Future<String> appointmentIcs(UUID appointmentId) {
    return pool.preparedQuery(ONE).execute(Tuple.of(appointmentId)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiError.notFound("id", "Programarea nu există.", "No such appointment."))
        : writer.map(w -> w.single(entry(rows.iterator().next()))));
  }

  private void link(RoutingContext ctx, Subject subject, boolean rotate) {
    long id = pathId(ctx);
    Caller caller = Caller.of(ctx);
    String wire = subject.name().toLowerCase();
    allowed(caller, subject, id)
        .compose(v -> pool.withTransaction(tx -> (rotate ? tx.preparedQuery(REVOKE).execute(Tuple.of(wire, id)).mapEmpty()
                : Future.succeededFuture())
            .compose(v2 -> tx.preparedQuery(CREATE).execute(Tuple.of(UUID.randomUUID(), wire, id, caller.accountId())))
            .compose(v2 -> tx.preparedQuery(LIVE).execute(Tuple.of(wire, id)))
            .map(rows -> rows.iterator().next().getUUID("id"))))
        .onSuccess(feed -> Responses.json(ctx, rotate ? 201 : 200, new JsonObject().put("url", url(ctx, feed))))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx, Subject subject) {
    long id = pathId(ctx);
    allowed(Caller.of(ctx), subject, id)
        .compose(v -> pool.preparedQuery(REVOKE).execute(Tuple.of(subject.name().toLowerCase(), id)))
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /**
   * A staff member's link: the member themselves, or a coordinator or administrator of the county. A
   * caravan's: its crew, or a coordinator or administrator of its county. Anyone else: 404.
   */
  private Future<Void> allowed(Caller caller, Subject subject, long id) {
    ApiError missing = ApiError.notFound("id", "Înregistrarea nu există.", "No such record.");
    return pool.preparedQuery(subject == Subject.STAFF ? STAFF : CARAVAN).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(missing);
      Row r = rows.iterator().next();
      if (!caller.mayAccessCounty(r.getString("county"))) return Future.failedFuture(missing);
      if (!caller.role().isClinician()) return Future.succeededFuture();
      if (caller.staffId() == null) return Future.failedFuture(missing);
      if (subject == Subject.STAFF) {
        return caller.staffId() == id ? Future.succeededFuture() : Future.failedFuture(missing);
      }
      return pool.preparedQuery(CREW_OF).execute(Tuple.of(caller.staffId())).compose(crew -> {
        Long caravan = crew.size() == 0 ? null : crew.iterator().next().getLong("caravan_id");
        return caravan != null && caravan == id ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(missing);
      });
    });
  }

  private void feed(RoutingContext ctx) {
    String raw = ctx.pathParam("token");
    Optional<UUID> feedId = raw != null && raw.endsWith(SUFFIX) ? idOf(raw.substring(0, raw.length() - SUFFIX.length()))
        : Optional.empty();
    if (feedId.isEmpty()) {
      ctx.fail(unknownFeed());
      return;
    }
    pool.preparedQuery(OPEN).execute(Tuple.of(feedId.get())).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(unknownFeed());
      Row feed = rows.iterator().next();
      String subject = feed.getString("subject");
      long id = feed.getLong("subject_id");
      OffsetDateTime now = OffsetDateTime.now(zone);
      Future<String> name = pool.preparedQuery(subject.equals("staff") ? STAFF : CARAVAN).execute(Tuple.of(id))
          .map(r -> r.size() == 0 ? "Caravana" : "Caravana – " + r.iterator().next().getString("name"));
      Future<List<CalendarEntry>> entries = pool.preparedQuery(ENTRIES)
          .execute(Tuple.of(subject, id, now.minusMonths(1), now.plusMonths(3))).map(rs -> {
            List<CalendarEntry> out = new ArrayList<>();
            rs.forEach(r -> out.add(entry(r)));
            return out;
          });
      return Future.all(name, entries, writer).map(v -> writer.result().feed(name.result(), entries.result()));
    }).onSuccess(ics -> ctx.response().putHeader("Content-Type", IcsWriter.CONTENT_TYPE)
        .putHeader("Content-Disposition", "inline; filename=\"caravana.ics\"").end(ics))
        .onFailure(ctx::fail);
  }

  private CalendarEntry entry(Row r) {
    String service = ServiceNames.of(r.getString("service"));
    String first = r.getString("first_name");
    String place = r.getString("room_name") != null ? r.getString("centre_name") + ", " + r.getString("room_name")
        : r.getString("centre_name") != null ? r.getString("centre_name")
        : r.getString("stop_name") != null ? "Caravana medicală, " + r.getString("stop_name")
        : "remote".equals(r.getString("modality")) ? "Consultație video" : null;
    return new CalendarEntry(r.getUUID("id"), r.getInteger("version") - 1, first == null ? service : service + " – " + first,
        place, r.getOffsetDateTime("starts_at").atZoneSameInstant(zone), r.getOffsetDateTime("ends_at").atZoneSameInstant(zone),
        r.getString("status"), r.getOffsetDateTime("updated_at").toInstant());
  }

  private String url(RoutingContext ctx, UUID feed) {
    String base = linkBase;
    if (base.isEmpty()) {
      String uri = ctx.request().absoluteURI();
      int at = uri.indexOf("/api/");
      base = at < 0 ? "" : uri.substring(0, at);
    }
    return base + "/api/calendar/" + token(feed) + SUFFIX;
  }

  /** A staff or caravan id in canonical ASCII digits; anything else names no record (404). */
  private static long pathId(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    long id = Ids.numberOrNegative(raw);
    if (id < 0) throw ApiError.notFound("id", "Înregistrarea nu există.", "No such record.");
    return id;
  }

  private static ApiError unknownFeed() {
    return ApiError.notFound("token", "Calendarul nu există sau a fost revocat.", "No such calendar, or it was revoked.");
  }

  String token(UUID id) {
    byte[] idBytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    byte[] mac = java.util.Arrays.copyOf(hmac(key, idBytes), MAC_BYTES);
    return B64.encodeToString(ByteBuffer.allocate(16 + MAC_BYTES).put(idBytes).put(mac).array());
  }

  /** The feed id of a well-formed token with a valid HMAC; anything else is empty. */
  Optional<UUID> idOf(String token) {
    if (token.length() != 43 || !token.matches("[A-Za-z0-9_-]+")) return Optional.empty();
    byte[] raw;
    try {
      raw = B64D.decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // one spelling per token: the last character's spare bits must be zero as the encoder writes them
    if (raw.length != 16 + MAC_BYTES || !B64.encodeToString(raw).equals(token)) return Optional.empty();
    byte[] idBytes = java.util.Arrays.copyOf(raw, 16);
    byte[] expected = java.util.Arrays.copyOf(hmac(key, idBytes), MAC_BYTES);
    if (!MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(raw, 16, raw.length))) return Optional.empty();
    ByteBuffer b = ByteBuffer.wrap(idBytes);
    return Optional.of(new UUID(b.getLong(), b.getLong()));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
