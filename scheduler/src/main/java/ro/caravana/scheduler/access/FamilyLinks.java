package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * Links sent to families by SMS: {@code /api/family/{token}} shows one appointment (time, place,
 * service; no names, nobody else's data) and lets the family confirm or cancel it. A token is the link
 * id and an HMAC of it (so forged tokens are refused without a database read); the row gives the
 * appointment, the purpose, the expiry and the revocation. No account, no session, nothing else.
 */
public final class FamilyLinks {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int MAC_BYTES = 16;

  private static final String ISSUE = """
      INSERT INTO family_links (id, appointment_id, expires_at)
      SELECT $1, a.id, COALESCE($3, a.ends_at + make_interval(days => $4))
        FROM appointments a WHERE a.id = $2
      RETURNING id""";
  private static final String REVOKE = "UPDATE family_links SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";
  private static final String REVOKE_ALL =
      "UPDATE family_links SET revoked_at = now() WHERE appointment_id = $1 AND revoked_at IS NULL";
  private static final String VIEW = """
      SELECT a.id, a.beneficiary_id, a.service, a.modality, a.starts_at, a.ends_at, a.status,
             b.first_name, s.role AS staff_role,
             c.name AS centre_name, c.address AS centre_address, cl.name AS centre_locality,
             sl.name AS stop_locality, fl.response, fl.expires_at
        FROM family_links fl
        JOIN appointments a ON a.id = fl.appointment_id
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        LEFT JOIN staff s ON s.id = a.staff_id
        LEFT JOIN community_centres c ON c.id = a.centre_id
        LEFT JOIN localities cl ON cl.siruta = c.locality_siruta
        LEFT JOIN localities sl ON sl.siruta = a.stop_siruta
       WHERE fl.id = $1 AND fl.purpose = 'appointment' AND fl.revoked_at IS NULL AND fl.expires_at > now()""";
  private static final String RESPOND =
      "UPDATE family_links SET response = $2, responded_at = now() WHERE id = $1";
  private static final Map<String, String[]> SERVICES = Map.of(
      "kinetotherapy", new String[] {"Kinetoterapie", "Kinetotherapy"},
      "speech_therapy", new String[] {"Logopedie", "Speech therapy"},
      "counselling", new String[] {"Consiliere", "Counselling"},
      "support_group", new String[] {"Grup de sprijin", "Support group"},
      "parental_education", new String[] {"Educație parentală", "Parental education"},
      "medical_consultation", new String[] {"Consultație medicală", "Medical consultation"},
      "telemedicine", new String[] {"Consultație la distanță", "Remote consultation"});

  private final Pool pool;
  private final byte[] key;
  private final int linkDays;
  private final ZoneId zone;

  public FamilyLinks(Pool pool, String secret, int linkDays, ZoneId zone) {
    this.pool = pool;
    this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "caravana family links v1".getBytes(StandardCharsets.UTF_8));
    this.linkDays = linkDays;
    this.zone = zone;
  }

  /**
   * A new link to one appointment, valid until {@code expiresAt} (null: the appointment's end plus
   * {@code family.link-days}). Call it in the transaction that sends the notice.
   */
  public Future<String> issue(SqlClient db, UUID appointmentId, OffsetDateTime expiresAt) {
    return issueLink(db, appointmentId, expiresAt).map(this::token);
  }

  /**
   * As {@link #issue}, answering the link id instead of its token: for features that keep a reference
   * to the link (the SMS short code) and turn it into a token with {@link #tokenOf} when it is opened.
   */
  public Future<UUID> issueLink(SqlClient db, UUID appointmentId, OffsetDateTime expiresAt) {
    UUID id = UUID.randomUUID();
    return db.preparedQuery(ISSUE).execute(Tuple.of(id, appointmentId, expiresAt, linkDays)).map(rows -> {
      if (rows.rowCount() == 0) {
        throw ApiError.notFound("appointmentId", "Programarea nu există.", "No such appointment.");
      }
      return id;
    });
  }

  /** The token of a link issued with {@link #issueLink}; the link's row still decides whether it works. */
  public String tokenOf(UUID linkId) {
    return token(linkId);
  }

  public Future<String> issue(UUID appointmentId) {
    return issue(pool, appointmentId, null);
  }

  /** Revokes one link (by its token). */
  public Future<Void> revoke(SqlClient db, String token) {
    UUID id = idOf(token);
    if (id == null) return Future.succeededFuture();
    return db.preparedQuery(REVOKE).execute(Tuple.of(id)).mapEmpty();
  }

  /** Revokes every link to an appointment (it moved, or was cancelled, or the person was erased). */
  public static Future<Void> revokeAll(SqlClient db, UUID appointmentId) {
    return db.preparedQuery(REVOKE_ALL).execute(Tuple.of(appointmentId)).mapEmpty();
  }

  private static final String APPOINTMENT_OF = "SELECT beneficiary_id FROM appointments WHERE id = $1";
  private static final String LIVE_APPOINTMENT = "SELECT fl.appointment_id FROM family_links fl WHERE fl.id = $1"
      + " AND fl.purpose = 'appointment' AND fl.revoked_at IS NULL AND fl.expires_at > now()";

  /**
   * The appointment a working family link names (signed, not revoked, not expired); the same 404 for
   * every other token. For features that act for the family through their link (joining a video call).
   */
  public Future<UUID> appointmentOf(String token) {
    UUID id = idOf(token);
    if (id == null) return Future.failedFuture(gone());
    return pool.preparedQuery(LIVE_APPOINTMENT).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw gone();
      return rows.iterator().next().getUUID(0);
    });
  }

  public void mount(Router router) {
    router.post("/api/appointments/:id/family-links").handler(this::issueRoute);
    router.post("/api/appointments/:id/family-links/revoke").handler(this::revokeRoute);
    router.get("/api/family/:token").handler(this::show);
    router.post("/api/family/:token/confirm").handler(ctx -> respond(ctx, "confirmed"));
    router.post("/api/family/:token/cancel").handler(ctx -> respond(ctx, "cancelled"));
  }

  /** Staff issue a link by hand (the SMS notices call {@link #issue} themselves): {@code {"token", "path"}}. */
  private void issueRoute(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID appointment = Scope.uuid(ctx.pathParam("id"), "id");
    pool.withTransaction(tx -> requireAppointment(tx, caller, appointment).compose(v -> issue(tx, appointment, null)))
        .onSuccess(token -> Responses.json(ctx, 201, new JsonObject().put("token", token).put("path", "/api/family/" + token)))
        .onFailure(ctx::fail);
  }

  private void revokeRoute(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID appointment = Scope.uuid(ctx.pathParam("id"), "id");
    pool.withTransaction(tx -> requireAppointment(tx, caller, appointment).compose(v -> revokeAll(tx, appointment)))
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private static Future<Void> requireAppointment(SqlClient db, Caller caller, UUID appointment) {
    return db.preparedQuery(APPOINTMENT_OF).execute(Tuple.of(appointment)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.notFound("id", "Programarea nu există.", "No such appointment."));
      }
      return Scope.requireBeneficiary(db, caller, rows.iterator().next().getUUID(0));
    });
  }

  private void show(RoutingContext ctx) {
    UUID id = requireId(ctx);
    view(pool, id).onSuccess(v -> Responses.json(ctx, 200, v)).onFailure(ctx::fail);
  }

  /** The family's answer through its link goes through the appointment's lifecycle, like every status change. */
  private void respond(RoutingContext ctx, String response) {
    UUID id = requireId(ctx);
    Actor actor = new Actor.FamilyLink(id);
    pool.withTransaction(tx -> view(tx, id).compose(current -> {
      UUID appointment = UUID.fromString(current.getString("appointmentId"));
      Future<AppointmentLifecycle.Outcome> done = response.equals("confirmed")
          ? AppointmentLifecycle.confirm(tx, appointment, actor)
          : AppointmentLifecycle.move(tx, new AppointmentLifecycle.Change(appointment, AppointmentStatus.CANCELLED, actor,
              StatusReason.of(StatusReason.Kind.FAMILY_DECLINED)));
      return done.compose(outcome -> tx.preparedQuery(RESPOND).execute(Tuple.of(id, response)))
          .compose(r -> view(tx, id));
    })).onSuccess(v -> Responses.json(ctx, 200, v)).onFailure(ctx::fail);
  }

  private Future<JsonObject> view(SqlClient db, UUID id) {
    return db.preparedQuery(VIEW).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) throw gone();
      Row r = it.next();
      String service = r.getString("service");
      String[] label = SERVICES.getOrDefault(service, new String[] {service, service});
      JsonObject place = new JsonObject().put("modality", r.getString("modality"));
      if (r.getString("centre_name") != null) {
        place.put("name", r.getString("centre_name")).put("address", r.getString("centre_address"))
            .put("locality", r.getString("centre_locality"));
      } else if (r.getString("stop_locality") != null) {
        place.put("name", "Caravana medicală / Medical caravan").put("locality", r.getString("stop_locality"));
      } else {
        place.put("name", "Consultație la distanță / Remote consultation");
      }
      return new JsonObject()
          .put("appointmentId", r.getUUID("id").toString())
          .put("service", service)
          .put("serviceLabel", new JsonObject().put("ro", label[0]).put("en", label[1]))
          .put("startsAt", r.getOffsetDateTime("starts_at").atZoneSameInstant(zone).toOffsetDateTime().toString())
          .put("endsAt", r.getOffsetDateTime("ends_at").atZoneSameInstant(zone).toOffsetDateTime().toString())
          .put("status", r.getString("status"))
          // the first name only, so the family knows whose appointment it is; nothing else of the record
          .put("firstName", r.getString("first_name"))
          .put("professionalRole", r.getString("staff_role"))
          .put("place", place)
          .put("response", r.getString("response"))
          .put("linkExpiresAt", r.getOffsetDateTime("expires_at").toString());
    });
  }

  private static ApiError gone() {
    return ApiError.notFound("token", "Linkul nu este valid sau a expirat.", "The link is not valid or has expired.");
  }

  private UUID requireId(RoutingContext ctx) {
    UUID id = idOf(ctx.pathParam("token"));
    if (id == null) throw gone();
    return id;
  }

  String token(UUID id) {
    byte[] raw = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    return B64.encodeToString(raw) + "." + B64.encodeToString(Arrays.copyOf(hmac(key, raw), MAC_BYTES));
  }

  /** The link id of a token whose signature checks out, else null. */
  UUID idOf(String token) {
    if (token == null || token.length() > 64) return null;
    int dot = token.indexOf('.');
    if (dot < 0) return null;
    try {
      byte[] raw = B64D.decode(token.substring(0, dot));
      byte[] mac = B64D.decode(token.substring(dot + 1));
      if (raw.length != 16 || !MessageDigest.isEqual(mac, Arrays.copyOf(hmac(key, raw), MAC_BYTES))) return null;
      ByteBuffer b = ByteBuffer.wrap(raw);
      UUID id = new UUID(b.getLong(), b.getLong());
      // one spelling per link: unused bits of the last base64 character must be zero
      return token.equals(token(id)) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
