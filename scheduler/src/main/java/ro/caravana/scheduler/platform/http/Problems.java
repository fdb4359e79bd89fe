package ro.caravana.scheduler.platform.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's one failure handler: every error leaves as RFC 9457 problem+json with the field at
 * fault and a reason in Romanian and English. Database constraint violations name the constraint
 * (4xx, never 500); anything unexpected is logged with an id and answered 500 without details.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final Map<Integer, String> TITLES = Map.of(
      400, "Bad Request", 401, "Unauthorized", 403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed",
      409, "Conflict", 413, "Payload Too Large", 415, "Unsupported Media Type", 422, "Unprocessable Content",
      429, "Too Many Requests");
  /** Seconds a client is asked to wait when the database is unavailable (restart, failover). */
  public static final String RETRY_AFTER_SECONDS = "5";

  private Problems() {}

  public static void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Throwable failure = ctx.failure();
    ApiError error = Requests.hostUnreadable(ctx) ? Requests.hostRefused() : toApiError(failure, ctx.statusCode());
    if (error == null) {
      String incident = Long.toHexString(System.nanoTime());
      LOG.error("incident {} on {} {}", incident, ctx.request().method(), ctx.request().path(), failure);
      error = new ApiError(500, null, "Eroare internă (incident " + incident + ").",
          "Internal error (incident " + incident + ").");
    }
    send(ctx, error);
  }

  public static void send(RoutingContext ctx, ApiError error) {
    JsonObject body = new JsonObject()
        .put("type", "about:blank")
        .put("title", TITLES.getOrDefault(error.status(), error.status() == 503 ? "Service Unavailable"
            : error.status() >= 500 ? "Internal Server Error" : "Error"))
        .put("status", error.status())
        .put("detail", error.reasonEn())
        .put("reason", new JsonObject().put("ro", error.reasonRo()).put("en", error.reasonEn()));
    if (error.field() != null) body.put("field", error.field());
    if (!error.errors().isEmpty()) {
      io.vertx.core.json.JsonArray errors = new io.vertx.core.json.JsonArray();
      for (ApiError e : error.errors()) {
        errors.add(new JsonObject().put("field", e.field()).put("status", e.status())
            .put("reason", new JsonObject().put("ro", e.reasonRo()).put("en", e.reasonEn())));
      }
      body.put("errors", errors);
    }
    if (error.details() != null) error.details().forEach(e -> body.put(e.getKey(), e.getValue()));
    if (error.status() == 503) ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(body.encode());
  }

  public static ApiError toApiError(Throwable failure, int status) {
    if (failure instanceof ApiError e) return e;
    if (failure instanceof DecodeException) {
      return ApiError.badRequest("body", "Corpul cererii nu este JSON valid.", "The request body is not valid JSON.");
    }
    if (databaseUnavailable(failure)) {
      return new ApiError(503, null, "Baza de date nu răspunde acum; nimic nu a fost salvat. Reîncercați peste câteva secunde.",
          "The database is not answering right now; nothing was saved. Try again in a few seconds.");
    }
    if (failure instanceof PgException pg) return fromDatabase(pg);
    if (failure instanceof HttpException http) return fromStatus(http.getStatusCode());
    if (failure == null && status >= 400 && status < 500) return fromStatus(status);
    if (failure != null && failure.getCause() instanceof ApiError e) return e;
    return null;
  }

  /**
   * The database went away (restart, failover, network) or cannot serve now: the connection was
   * refused, timed out or closed, the server said it is shutting down or starting up, no pooled
   * connection came free within {@code db.pool-wait-ms}, or a statement ran past
   * {@code db.statement-timeout-ms}. The request's transaction did not commit.
   */
  public static boolean databaseUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        if (s != t && databaseUnavailable(s)) return true;
      }
      if (t instanceof PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014")) return true;
      }
      if (t instanceof java.net.ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof java.nio.channels.ClosedChannelException || t instanceof java.net.SocketException
          || t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException || poolWaitTimedOut(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The SQL client gave no usable connection: none came free in time ("Timeout waiting for connection",
   * "Timeout"), the one it had was closed under the statement (a restart), or the pool itself was closed
   * because this process is shutting down ("Pool closed"; the client retries against the next instance).
   */
  private static boolean poolWaitTimedOut(Throwable t) {
    String m = t.getMessage();
    return (t instanceof io.vertx.core.VertxException || t instanceof io.vertx.core.impl.NoStackTraceThrowable) && m != null
        && (m.equals("Timeout waiting for connection") || m.equals("Timeout") || m.equals("Pool closed")
            || m.startsWith("Connection is not active now"));
  }

  private static ApiError fromStatus(int status) {
    return switch (status) {
      case 401 -> ApiError.unauthorized("Autentificare necesară.", "Authentication required.");
      case 403 -> ApiError.forbidden("Acces interzis.", "Access denied.");
      case 404 -> ApiError.notFound(null, "Resursa nu există.", "No such resource.");
      case 405 -> new ApiError(405, null, "Metodă nepermisă.", "Method not allowed.");
      case 413 -> new ApiError(413, "body", "Cererea este prea mare.", "The request is too large.");
      case 415 -> new ApiError(415, "Content-Type", "Tip de conținut nesuportat.", "Unsupported media type.");
      case 429 -> new ApiError(429, null, "Prea multe cereri; încercați mai târziu.", "Too many requests; try later.");
      default -> new ApiError(status, null, "Cerere invalidă.", "Bad request.");
    };
  }

  private static ApiError fromDatabase(PgException pg) {
    String state = pg.getSqlState() == null ? "" : pg.getSqlState();
    String field = fieldOf(pg);
    if (state.equals("23505")) {
      return ApiError.conflict(field, "Există deja o înregistrare cu această valoare.", "A record with this value already exists.");
    }
    if (state.equals("23503")) {
      return ApiError.unprocessable(field, "Înregistrarea la care se face referire nu există sau este încă folosită.",
          "The referenced record does not exist or is still in use.");
    }
    if (state.startsWith("23") || state.startsWith("22")) {
      return ApiError.unprocessable(field, "Valoare nepermisă.", "Value not allowed.");
    }
    return null;
  }

  /** Constraint names follow {@code table_column_kind}; the column is the field. */
  private static String fieldOf(PgException pg) {
    String constraint = pg.getConstraint();
    if (pg.getColumn() != null) return camel(pg.getColumn());
    if (constraint == null) return null;
    String[] parts = constraint.split("_");
    if (parts.length >= 3) {
      return camel(String.join("_", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1)));
    }
    return constraint;
  }

  static String camel(String snake) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') { up = true; continue; }
      sb.append(up ? Character.toUpperCase(c) : c);
      up = false;
    }
    return sb.toString();
  }
}
