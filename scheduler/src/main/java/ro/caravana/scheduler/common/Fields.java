package ro.caravana.scheduler.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Typed reading of JSON request fields. A missing required field or a value of the wrong JSON
 * type is a 400 naming the field; a well-typed value that breaks a rule is a 422.
 */
public final class Fields {

  private Fields() {}

  public static boolean present(JsonObject body, String field) {
    return body.containsKey(field) && body.getValue(field) != null;
  }

  public static ApiError missing(String field) {
    return ApiError.badRequest(field,
        "Câmpul „" + field + "” este obligatoriu.",
        "Field '" + field + "' is required.");
  }

  public static ApiError wrongType(String field, String typeRo, String typeEn) {
    return ApiError.badRequest(field,
        "Câmpul „" + field + "” trebuie să fie " + typeRo + ".",
        "Field '" + field + "' must be " + typeEn + ".");
  }

  public static ApiError invalid(String field, String reasonRo, String reasonEn) {
    return ApiError.unprocessable(field, reasonRo, reasonEn);
  }

  // ---- text

  public static String text(JsonObject body, String field) {
    String v = optionalText(body, field);
    if (v == null) throw missing(field);
    return v;
  }

  /** A trimmed string, or null when absent or null; an empty or blank string is a 422. */
  public static String optionalText(JsonObject body, String field) {
    if (!present(body, field)) return null;
    if (!(body.getValue(field) instanceof String s)) throw wrongType(field, "text", "a string");
    String t = s.strip();
    if (t.isEmpty()) {
      throw invalid(field, "Câmpul „" + field + "” nu poate fi gol.", "Field '" + field + "' must not be empty.");
    }
    if (t.length() > 500) {
      throw invalid(field, "Câmpul „" + field + "” este prea lung (cel mult 500 de caractere).",
          "Field '" + field + "' is too long (at most 500 characters).");
    }
    return t;
  }

  public static String choice(JsonObject body, String field, Set<String> allowed) {
    String v = optionalChoice(body, field, allowed);
    if (v == null) throw missing(field);
    return v;
  }

  public static String optionalChoice(JsonObject body, String field, Set<String> allowed) {
    String v = optionalText(body, field);
    if (v == null) return null;
    return checkChoice(field, v, allowed);
  }

  public static String checkChoice(String field, String v, Set<String> allowed) {
    if (!allowed.contains(v)) {
      String list = String.join(", ", allowed.stream().sorted().toList());
      throw invalid(field,
          "Valoare necunoscută pentru „" + field + "”: „" + v + "”; valori permise: " + list + ".",
          "Unknown value for '" + field + "': '" + v + "'; allowed: " + list + ".");
    }
    return v;
  }

  // ---- numbers and booleans

  public static int integer(JsonObject body, String field, int min, int max) {
    Integer v = optionalInteger(body, field, min, max);
    if (v == null) throw missing(field);
    return v;
  }

  public static Integer optionalInteger(JsonObject body, String field, int min, int max) {
    if (!present(body, field)) return null;
    Object v = body.getValue(field);
    // a JSON integer only: 21016.0, "21016" and 2.1016e4 are not integers on the wire
    if (!(v instanceof Integer || v instanceof Long)) {
      throw wrongType(field, "un număr întreg", "an integer");
    }
    long l = ((Number) v).longValue();
    if (l < min || l > max) {
      throw invalid(field,
          "Câmpul „" + field + "” trebuie să fie între " + min + " și " + max + ".",
          "Field '" + field + "' must be between " + min + " and " + max + ".");
    }
    return (int) l;
  }

  public static Long optionalId(JsonObject body, String field) {
    return Ids.bodyNumber(body, field);
  }

  public static boolean bool(JsonObject body, String field, boolean fallback) {
    if (!present(body, field)) return fallback;
    if (!(body.getValue(field) instanceof Boolean b)) throw wrongType(field, "true sau false", "true or false");
    return b;
  }

  // ---- identifiers, dates and times

  public static UUID uuid(String field, String raw) {
    return Ids.uuid(field, raw);
  }

  public static UUID optionalUuid(JsonObject body, String field) {
    if (!present(body, field)) return null;
    if (!(body.getValue(field) instanceof String s)) throw wrongType(field, "un identificator (UUID)", "an id (UUID)");
    return uuid(field, s);
  }

  public static UUID requiredUuid(JsonObject body, String field) {
    UUID v = optionalUuid(body, field);
    if (v == null) throw missing(field);
    return v;
  }

  public static LocalDate date(String field, String raw) {
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(field, "„" + field + "” trebuie să fie o dată AAAA-LL-ZZ.",
          "'" + field + "' must be a date YYYY-MM-DD.");
    }
  }

  public static LocalDate optionalDate(JsonObject body, String field) {
    if (!present(body, field)) return null;
    if (!(body.getValue(field) instanceof String s)) throw wrongType(field, "o dată AAAA-LL-ZZ", "a date YYYY-MM-DD");
    return date(field, s.strip());
  }

  public static LocalDate requiredDate(JsonObject body, String field) {
    LocalDate v = optionalDate(body, field);
    if (v == null) throw missing(field);
    return v;
  }

  public static LocalTime optionalTime(JsonObject body, String field) {
    if (!present(body, field)) return null;
    if (!(body.getValue(field) instanceof String s)) throw wrongType(field, "o oră HH:MM", "a time HH:MM");
    try {
      return LocalTime.parse(s.strip());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(field, "„" + field + "” trebuie să fie o oră HH:MM.", "'" + field + "' must be a time HH:MM.");
    }
  }

  /** An ISO-8601 instant with an offset, e.g. 2026-03-02T09:00:00+02:00. */
  public static OffsetDateTime requiredDateTime(JsonObject body, String field) {
    if (!present(body, field)) throw missing(field);
    if (!(body.getValue(field) instanceof String s)) {
      throw wrongType(field, "o dată și oră ISO-8601 cu fus orar", "an ISO-8601 date-time with offset");
    }
    try {
      return OffsetDateTime.parse(s.strip());
    } catch (DateTimeException e) {
      throw ApiError.badRequest(field, "„" + field + "” trebuie să fie o dată și oră ISO-8601 cu fus orar.",
          "'" + field + "' must be an ISO-8601 date-time with offset.");
    }
  }

  // ---- lists

  public static List<String> textList(JsonObject body, String field, Set<String> allowed) {
    if (!present(body, field)) return List.of();
    if (!(body.getValue(field) instanceof JsonArray array)) {
      throw wrongType(field, "o listă de texte", "a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String s) || s.isBlank()) throw wrongType(field, "o listă de texte", "a list of strings");
      String t = s.strip();
      if (allowed != null) checkChoice(field, t, allowed);
      if (!out.contains(t)) out.add(t);
    }
    return out;
  }
}
