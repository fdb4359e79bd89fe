package ro.caravana.scheduler.organisation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ro.caravana.scheduler.beneficiary.PhoneNumbers;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * The JSON bodies of centres, rooms, staff and caravans, read whole: every invalid field is reported at once
 * (see {@link Violations}). A PATCH merges its fields over the record as it is and reads the result the same way.
 */
final class OrganisationInput {

  static final Set<String> ROOM_KINDS = Set.of("therapy", "consultation", "group", "telemedicine");
  static final Set<String> LEAVE_REASONS = Set.of("leave", "sick", "training", "other");
  private static final String CODE = "[A-Z0-9-]{2,20}";

  private OrganisationInput() {}

  record Centre(String code, String name, int localitySiruta, String address, JsonObject openingHours,
      JsonArray closures) {}

  record Room(String name, String kind, List<String> equipment, int capacity) {}

  record Staff(String code, String firstName, String lastName, String role, List<String> skills, String county,
      Long centreId, List<Long> workCentreIds, Long caravanId, JsonObject weeklyAvailability, String phone,
      JsonArray leave) {}

  record Caravan(String code, String name, String county, int depotSiruta, List<String> crew, int consultationsPerDay,
      LocalTime shiftStart, LocalTime shiftEnd, List<String> equipment, List<LocalDate> outOfService) {}

  static Centre centre(JsonObject b) {
    Violations v = new Violations();
    String code = v.read(() -> code(b));
    String name = v.read(() -> Fields.text(b, "name"));
    Integer siruta = v.read(() -> siruta(b, "localitySiruta"));
    String address = v.read(() -> Fields.text(b, "address"));
    JsonObject hours = v.read(() -> openingHours(b, "openingHours"));
    JsonArray closures = v.read(() -> periods(b, "closures", null));
    v.check();
    return new Centre(code, name, siruta, address, hours, closures);
  }

  static Room room(JsonObject b) {
    Violations v = new Violations();
    String name = v.read(() -> Fields.text(b, "name"));
    String kind = v.read(() -> Fields.choice(b, "kind", ROOM_KINDS));
    List<String> equipment = v.read(() -> Fields.textList(b, "equipment", Vocabulary.EQUIPMENT));
    Integer capacity = v.read(() -> Fields.integer(b, "capacity", 1, 100));
    v.check();
    return new Room(name, kind, equipment, capacity);
  }

  static Staff staff(JsonObject b) {
    Violations v = new Violations();
    String code = v.read(() -> code(b));
    String first = v.read(() -> Fields.text(b, "firstName"));
    String last = v.read(() -> Fields.text(b, "lastName"));
    String role = v.read(() -> Fields.choice(b, "role", Vocabulary.ROLES));
    List<String> skills = v.read(() -> words(b, "skills"));
    String county = v.read(() -> county(b, "county"));
    Long centre = v.read(() -> Ids.bodyNumber(b, "centreId"));
    List<Long> work = v.read(() -> ids(b, "workCentreIds"));
    Long caravan = v.read(() -> Ids.bodyNumber(b, "caravanId"));
    JsonObject availability = v.read(() -> availability(b, "weeklyAvailability"));
    String phone = v.read("phone", () -> {
      String raw = Fields.optionalText(b, "phone");
      return raw == null ? null : PhoneNumbers.toE164(raw);
    });
    JsonArray leave = v.read(() -> periods(b, "leave", LEAVE_REASONS));
    v.check();
    return new Staff(code, first, last, role, skills, county, centre, work, caravan, availability, phone, leave);
  }

  static Caravan caravan(JsonObject b) {
    Violations v = new Violations();
    String code = v.read(() -> code(b));
    String name = v.read(() -> Fields.text(b, "name"));
    String county = v.read(() -> county(b, "county"));
    Integer depot = v.read(() -> siruta(b, "depotSiruta"));
    List<String> crew = v.read(() -> words(b, "crew"));
    Integer perDay = v.read(() -> Fields.integer(b, "consultationsPerDay", 1, 200));
    LocalTime start = v.read(() -> required(b, "shiftStart", Fields.optionalTime(b, "shiftStart")));
    LocalTime end = v.read(() -> required(b, "shiftEnd", Fields.optionalTime(b, "shiftEnd")));
    if (start != null && end != null && !end.isAfter(start)) {
      v.add("shiftEnd", "Tura se termină după ce începe.", "The shift ends after it starts.");
    }
    List<String> equipment = v.read(() -> Fields.textList(b, "equipment", Vocabulary.EQUIPMENT));
    List<LocalDate> out = v.read(() -> dates(b, "outOfService"));
    v.check();
    return new Caravan(code, name, county, depot, crew, perDay, start, end, equipment, out);
  }

  /** The version a PATCH or retirement was based on: required, so a stale write can be told from a fresh one. */
  static int version(JsonObject b) {
    return Fields.integer(b, "version", 1, Integer.MAX_VALUE);
  }

  /** A SIRUTA code: a JSON integer (never a string or a decimal) of at most six digits. */
  private static int siruta(JsonObject b, String field) {
    Long v = Ids.bodyNumber(b, field);
    if (v == null) throw Fields.missing(field);
    if (v > 999_999) throw Fields.invalid(field, "Un cod SIRUTA are cel mult șase cifre.", "A SIRUTA code has at most six digits.");
    return v.intValue();
  }

  private static <T> T required(JsonObject b, String field, T value) {
    if (value == null) throw Fields.missing(field);
    return value;
  }

  private static String code(JsonObject b) {
    String code = Fields.text(b, "code");
    if (!code.matches(CODE)) {
      throw Fields.invalid("code", "Codul are 2-20 caractere: litere mari, cifre și cratimă (de exemplu CC-BC-07).",
          "The code has 2-20 characters: capital letters, digits and hyphens (for example CC-BC-07).");
    }
    return code;
  }

  private static String county(JsonObject b, String field) {
    String c = Fields.text(b, field);
    if (!c.matches("[A-Z]{1,2}")) {
      throw Fields.invalid(field, "Codul de județ are una sau două litere mari (de exemplu BC).",
          "A county code has one or two capital letters (for example BC).");
    }
    return c;
  }

  private static List<String> words(JsonObject b, String field) {
    List<String> out = Fields.textList(b, field, null);
    for (String w : out) {
      if (w.length() > 60) {
        throw Fields.invalid(field, "Fiecare valoare din „" + field + "” are cel mult 60 de caractere.",
            "Each value of '" + field + "' has at most 60 characters.");
      }
    }
    if (out.size() > 50) throw Fields.invalid(field, "Cel mult 50 de valori.", "At most 50 values.");
    return out;
  }

  private static List<Long> ids(JsonObject b, String field) {
    if (!Fields.present(b, field)) return List.of();
    if (!(b.getValue(field) instanceof JsonArray a)) throw Fields.wrongType(field, "o listă de identificatori", "a list of ids");
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Long id = Ids.bodyNumber(new JsonObject().put(field, a.getValue(i)), field);
      if (id == null) throw Fields.wrongType(field, "o listă de identificatori", "a list of ids");
      if (!out.contains(id)) out.add(id);
    }
    return out;
  }

  private static List<LocalDate> dates(JsonObject b, String field) {
    List<LocalDate> out = new ArrayList<>();
    for (String s : Fields.textList(b, field, null)) out.add(Fields.date(field, s));
    return out.stream().distinct().sorted().toList();
  }

  /** {"MONDAY": {"open": "08:00", "close": "16:00"}, ...}; a weekday left out is closed. */
  private static JsonObject openingHours(JsonObject b, String field) {
    if (!Fields.present(b, field)) return new JsonObject();
    if (!(b.getValue(field) instanceof JsonObject hours)) throw Fields.wrongType(field, "un obiect pe zile", "an object by weekday");
    JsonObject out = new JsonObject();
    for (String day : hours.fieldNames()) {
      if (!Vocabulary.WEEKDAYS.contains(day)) throw Fields.invalid(field, "Zi necunoscută: " + day + ".", "Unknown weekday: " + day + ".");
      if (!(hours.getValue(day) instanceof JsonObject h)) throw Fields.wrongType(field, "{open, close} pe zi", "{open, close} per day");
      LocalTime open = required(h, "open", Fields.optionalTime(h, "open"));
      LocalTime close = required(h, "close", Fields.optionalTime(h, "close"));
      if (!close.isAfter(open)) {
        throw Fields.invalid(field, "Programul de " + day + " se închide după ce se deschide.", "On " + day + " closing comes after opening.");
      }
      out.put(day, new JsonObject().put("open", open.toString()).put("close", close.toString()));
    }
    return out;
  }

  /** {"MONDAY": [{"from": "08:00", "to": "12:00"}, ...], ...}. */
  private static JsonObject availability(JsonObject b, String field) {
    if (!Fields.present(b, field)) return new JsonObject();
    if (!(b.getValue(field) instanceof JsonObject days)) throw Fields.wrongType(field, "un obiect pe zile", "an object by weekday");
    JsonObject out = new JsonObject();
    for (String day : days.fieldNames()) {
      if (!Vocabulary.WEEKDAYS.contains(day)) throw Fields.invalid(field, "Zi necunoscută: " + day + ".", "Unknown weekday: " + day + ".");
      if (!(days.getValue(day) instanceof JsonArray windows)) throw Fields.wrongType(field, "o listă de intervale pe zi", "a list of windows per day");
      JsonArray list = new JsonArray();
      for (Object o : windows) {
        if (!(o instanceof JsonObject w)) throw Fields.wrongType(field, "intervale {from, to}", "windows {from, to}");
        LocalTime from = required(w, "from", Fields.optionalTime(w, "from"));
        LocalTime to = required(w, "to", Fields.optionalTime(w, "to"));
        if (!to.isAfter(from)) throw Fields.invalid(field, "Un interval se termină după ce începe.", "A window ends after it starts.");
        list.add(new JsonObject().put("from", from.toString()).put("to", to.toString()));
      }
      out.put(day, list);
    }
    return out;
  }

  /** [{"from": "2026-07-01", "to": "2026-07-14", "reason": "..."}]; reasons from {@code reasons} when given. */
  private static JsonArray periods(JsonObject b, String field, Set<String> reasons) {
    if (!Fields.present(b, field)) return new JsonArray();
    if (!(b.getValue(field) instanceof JsonArray a)) throw Fields.wrongType(field, "o listă de perioade", "a list of periods");
    JsonArray out = new JsonArray();
    for (Object o : a) {
      if (!(o instanceof JsonObject p)) throw Fields.wrongType(field, "perioade {from, to}", "periods {from, to}");
      LocalDate from = required(p, "from", Fields.optionalDate(p, "from"));
      LocalDate to = required(p, "to", Fields.optionalDate(p, "to"));
      if (to.isBefore(from)) throw Fields.invalid(field, "O perioadă se termină după ce începe.", "A period ends after it starts.");
      JsonObject period = new JsonObject().put("from", from.toString()).put("to", to.toString());
      if (reasons != null) {
        String reason = p.getValue("reason") == null ? "leave" : Fields.choice(p, "reason", reasons);
        period.put("reason", reason);
      } else if (p.getValue("reason") != null) {
        period.put("reason", Fields.text(p, "reason"));
      }
      out.add(period);
    }
    return out;
  }

  static ApiError stale(int current) {
    return ApiError.conflict("version", "Înregistrarea a fost modificată între timp (versiunea curentă " + current
        + "); reîncărcați și încercați din nou.", "The record was changed meanwhile (current version " + current
        + "); reload and try again.");
  }
}
