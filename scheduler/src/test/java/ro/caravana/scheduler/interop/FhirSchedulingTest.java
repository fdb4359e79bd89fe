package ro.caravana.scheduler.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FHIR scheduling: Schedule and Slot from published weeks, booking a slot, Patient update, CarePlan, Communication")
class FhirSchedulingTest {

  static final String VN = FhirApiTest.VN;
  static final String BC = FhirApiTest.BC;
  static final String ADMIN = FhirApiTest.ADMIN;
  static final String DOCTOR = FhirApiTest.DOCTOR;
  static final String SUPERVISOR = FhirApiTest.SUPERVISOR;
  static final String FHIR = "application/fhir+json";

  private static InteropFixture fx;
  /** A Bacău room whose centre opens Monday 08:00-12:00 and Tuesday 08:00-10:00, in a week of its own. */
  private static long room;
  private static LocalDate monday;

  @BeforeAll
  static void start() {
    fx = InteropFixture.get();
    // a week of its own, three weeks after the shared fixture's (whose figures other classes count)
    monday = InteropFixture.monday().plusWeeks(3);
    room = fx.one("SELECT r.id FROM rooms r JOIN community_centres c ON c.id = r.centre_id "
        + "JOIN localities l ON l.siruta = c.locality_siruta WHERE l.county = 'BC' ORDER BY r.id LIMIT 1", Tuple.tuple()).getLong(0);
    fx.one("UPDATE rooms SET capacity = 1 WHERE id = $1 RETURNING id", Tuple.of(room));
    fx.one("UPDATE community_centres SET opening_hours = $2::jsonb WHERE id = (SELECT centre_id FROM rooms WHERE id = $1) "
        + "RETURNING id", Tuple.of(room, new JsonObject("{\"MONDAY\": {\"open\": \"08:00\", \"close\": \"12:00\"}, "
        + "\"TUESDAY\": {\"open\": \"08:00\", \"close\": \"10:00\"}}")));
    plan = publish("BC", monday);
  }

  private static String week(LocalDate day) {
    return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static String plan;

  private static String publish(String county, LocalDate day) {
    return fx.one("INSERT INTO plans (id, county, week, kinds, seconds_limit, status, published_at) "
        + "VALUES (gen_random_uuid(), $1, $2, '{routes,timetable}', 10, 'published', now()) RETURNING id::text",
        Tuple.of(county, week(day))).getString(0);
  }

  private static JsonObject fhir(HttpResponse<Buffer> r, int status, String type) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith(FHIR), r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(type, body.getString("resourceType"), r.bodyAsString());
    FhirValidation.assertValid(type, r.bodyAsString());
    return body;
  }

  private static List<JsonObject> resources(JsonObject bundle) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : bundle.getJsonArray("entry", new JsonArray())) out.add(((JsonObject) o).getJsonObject("resource"));
    return out;
  }

  private static String slotSearch(String extra) {
    return "/fhir/r4/Slot?schedule=Schedule/room-" + room + "&start=ge" + monday + "&start=le" + monday.plusDays(6) + extra;
  }

  private static String slotId(LocalDate day, String hhmm) {
    return "room-" + room + "." + day.format(DateTimeFormatter.BASIC_ISO_DATE) + hhmm;
  }

  private static JsonObject booking(String slot, String patient) {
    return new JsonObject().put("resourceType", "Appointment").put("status", "booked")
        .put("serviceType", new JsonArray().add(new JsonObject().put("coding", new JsonArray().add(new JsonObject()
            .put("system", "https://caravana.ro/fhir/CodeSystem/service").put("code", "kinetotherapy")))))
        .put("slot", new JsonArray().add(new JsonObject().put("reference", "Slot/" + slot)))
        .put("participant", new JsonArray().add(new JsonObject().put("status", "accepted")
            .put("actor", new JsonObject().put("reference", "Patient/" + patient))));
  }

  private static String beneficiary(String county, int nth) {
    return fx.one("SELECT b.id::text FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta "
        + "WHERE l.county = $1 ORDER BY b.id DESC OFFSET $2 LIMIT 1", Tuple.of(county, nth)).getString(0);
  }

  @Test
  @DisplayName("slots exist only in published weeks, follow the opening hours, and are county-scoped")
  void slotsFromPublishedWeeks() {
    LocalDate unpublished = monday.plusWeeks(1);
    JsonObject none = fhir(fx.get("/fhir/r4/Slot?schedule=Schedule/room-" + room + "&start=ge" + unpublished
        + "&start=le" + unpublished.plusDays(6), BC), 200, "Bundle");
    assertEquals(0, none.getInteger("total"), "a week without a published plan has no slots");

    JsonObject all = fhir(fx.get(slotSearch("&status=free,busy"), BC), 200, "Bundle");
    // Monday 08:00-12:00 = 8 half hours, Tuesday 08:00-10:00 = 4
    assertEquals(12, all.getInteger("total"));
    List<JsonObject> slots = resources(all);
    assertEquals("Schedule/room-" + room, slots.get(0).getJsonObject("schedule").getString("reference"));
    assertEquals(slotId(monday, "0800"), slots.get(0).getString("id"));
    assertEquals(slotId(monday.plusDays(1), "0930"), slots.get(11).getString("id"));

    JsonObject schedule = fhir(fx.get("/fhir/r4/Schedule/room-" + room, BC), 200, "Schedule");
    assertEquals("Location/room-" + room, schedule.getJsonArray("actor").getJsonObject(0).getString("reference"));
    JsonObject byActor = fhir(fx.get("/fhir/r4/Schedule?actor=Location/room-" + room, BC), 200, "Bundle");
    assertEquals(1, byActor.getInteger("total"));
    fhir(fx.get("/fhir/r4/Schedule?_count=5", BC), 200, "Bundle");
    fhir(fx.get("/fhir/r4/Slot/" + slotId(monday, "0800"), BC), 200, "Slot");

    // Vrancea: the schedule does not exist for it, its slots are an empty search
    fhir(fx.get("/fhir/r4/Schedule/room-" + room, VN), 404, "OperationOutcome");
    fhir(fx.get("/fhir/r4/Slot/" + slotId(monday, "0800"), VN), 404, "OperationOutcome");
    assertEquals(0, fhir(fx.get(slotSearch(""), VN), 200, "Bundle").getInteger("total"));
    assertEquals(0, fhir(fx.get("/fhir/r4/Schedule?actor=Location/room-" + room, VN), 200, "Bundle").getInteger("total"));
    fhir(fx.get(slotSearch(""), SUPERVISOR), 403, "OperationOutcome");
  }

  @Test
  @DisplayName("booking a free slot: 201 through the lifecycle and outbox; a taken slot is 409, one of two racing bookings wins")
  void bookingASlot() {
    String patient = beneficiary("BC", 0);
    String slot = slotId(monday, "1000");
    var created = fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, booking(slot, patient).encode());
    JsonObject appointment = fhir(created, 201, "Appointment");
    String id = appointment.getString("id");
    assertTrue(created.getHeader("Location").endsWith("/fhir/r4/Appointment/" + id), created.getHeader("Location"));
    assertEquals("booked", appointment.getString("status"));
    var row = fx.one("SELECT room_id, modality, service, to_char(starts_at AT TIME ZONE 'Europe/Bucharest', 'HH24:MI') AS t "
        + "FROM appointments WHERE id = $1::uuid", Tuple.of(id));
    assertEquals(room, row.getLong("room_id"));
    assertEquals("centre", row.getString("modality"));
    assertEquals("10:00", row.getString("t"));
    assertEquals(1, fx.one("SELECT count(*) FROM appointment_status_changes WHERE appointment_id = $1::uuid AND to_status = 'booked'",
        Tuple.of(id)).getLong(0));
    assertEquals(1, fx.one("SELECT count(*) FROM outbox WHERE event_type = 'appointment.booked' AND payload->>'appointmentId' = $1",
        Tuple.of(id)).getLong(0));
    assertEquals("busy", fhir(fx.get("/fhir/r4/Slot/" + slot, BC), 200, "Slot").getString("status"));

    // the same slot again: 409; another county's coordinator does not see the slot: 404
    JsonObject taken = fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR,
        booking(slot, beneficiary("BC", 1)).encode()), 409, "OperationOutcome");
    assertEquals("slot", taken.getJsonArray("issue").getJsonObject(0).getJsonArray("expression").getString(0));
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", VN, FHIR, booking(slotId(monday, "1030"), beneficiary("VN", 0)).encode()),
        404, "OperationOutcome");
    // a Vrancea patient in a Bacău slot (the admin sees both): 422; a doctor may not book: 403
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", ADMIN, FHIR, booking(slotId(monday, "1030"), beneficiary("VN", 0)).encode()),
        422, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, booking(slotId(monday, "1030"), beneficiary("VN", 0)).encode()),
        403, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", DOCTOR, FHIR, booking(slotId(monday, "1030"), patient).encode()),
        403, "OperationOutcome");

    // two bookings of one slot at once: exactly one wins
    String contested = slotId(monday, "1100");
    var requests = new ArrayList<Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 2; i++) {
      requests.add(fx.client.post(fx.app.port(), "127.0.0.1", "/fhir/r4/Appointment")
          .putHeader("Authorization", "Bearer " + fx.token(BC)).putHeader("Content-Type", FHIR)
          .sendBuffer(Buffer.buffer(booking(contested, beneficiary("BC", 2 + i)).encode())));
    }
    InteropFixture.await(Future.join(requests));
    List<Integer> statuses = new ArrayList<>();
    for (var r : requests) statuses.add(r.result().statusCode());
    statuses.sort(Integer::compare);
    assertEquals(List.of(201, 409), statuses);
    assertEquals(1, fx.one("SELECT count(*) FROM appointments WHERE room_id = $1 AND status <> 'cancelled' AND starts_at = $2",
        Tuple.of(room, monday.atTime(11, 0).atZone(InteropFixture.ZONE).toOffsetDateTime())).getLong(0));

    // cancelling through FHIR frees the slot again
    JsonObject cancel = appointment.copy().put("status", "cancelled");
    fhir(fx.call(HttpMethod.PUT, "/fhir/r4/Appointment/" + id, BC, FHIR, cancel.encode()), 200, "Appointment");
    assertEquals("free", fhir(fx.get("/fhir/r4/Slot/" + slot, BC), 200, "Slot").getString("status"));
    String mondayOnly = "/fhir/r4/Slot?schedule=Schedule/room-" + room + "&start=" + monday + "&status=free";
    assertEquals(7, fhir(fx.get(mondayOnly, BC), 200, "Bundle").getInteger("total"),
        "8 Monday slots: 11:00 is booked, 10:00 (cancelled) is free again");
  }

  @Test
  @DisplayName("a staff member's slots follow their hours less their leave; a caravan stop's follow the published route")
  void staffAndStopSchedules() {
    // the last Bacău staff member (no other class uses them): Monday 09:00-10:00 and 14:00-15:00, Tuesday on leave
    long staff = fx.one("SELECT id FROM staff WHERE county = 'BC' AND retired_at IS NULL ORDER BY id DESC LIMIT 1", Tuple.tuple())
        .getLong(0);
    fx.one("UPDATE staff SET weekly_availability = $2 WHERE id = $1 RETURNING id", Tuple.of(staff, new JsonObject(
        "{\"MONDAY\": [{\"from\": \"09:00\", \"to\": \"10:00\"}, {\"from\": \"14:00\", \"to\": \"15:00\"}], "
            + "\"TUESDAY\": [{\"from\": \"09:00\", \"to\": \"10:00\"}]}")));
    fx.one("INSERT INTO staff_leave (staff_id, from_date, to_date) VALUES ($1, $2, $2) RETURNING id", Tuple.of(staff, monday.plusDays(1)));
    String week = "&start=ge" + monday + "&start=le" + monday.plusDays(6);
    JsonObject slots = fhir(fx.get("/fhir/r4/Slot?schedule=Schedule/staff-" + staff + week, BC), 200, "Bundle");
    List<String> ids = new ArrayList<>();
    for (JsonObject slot : resources(slots)) ids.add(slot.getString("id"));
    String day = monday.format(DateTimeFormatter.BASIC_ISO_DATE);
    assertEquals(List.of("staff-" + staff + "." + day + "0900", "staff-" + staff + "." + day + "0930",
        "staff-" + staff + "." + day + "1400", "staff-" + staff + "." + day + "1430"), ids);
    JsonObject schedule = fhir(fx.get("/fhir/r4/Schedule/staff-" + staff, BC), 200, "Schedule");
    assertEquals("Practitioner/" + staff, schedule.getJsonArray("actor").getJsonObject(0).getString("reference"));
    assertEquals(1, fhir(fx.get("/fhir/r4/Schedule?actor=Practitioner/" + staff, BC), 200, "Bundle").getInteger("total"));
    // a telemedicine booking on the staff member's slot is a remote consultation with them
    String remote = fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, booking(ids.get(2), beneficiary("BC", 8))
        .put("serviceType", new JsonArray().add(new JsonObject().put("coding", new JsonArray().add(new JsonObject()
            .put("system", "https://caravana.ro/fhir/CodeSystem/service").put("code", "telemedicine"))))).encode()),
        201, "Appointment").getString("id");
    var row = fx.one("SELECT staff_id, modality FROM appointments WHERE id = $1::uuid", Tuple.of(remote));
    assertEquals(staff, row.getLong("staff_id"));
    assertEquals("remote", row.getString("modality"));
    assertEquals("busy", fhir(fx.get("/fhir/r4/Slot/" + ids.get(2), BC), 200, "Slot").getString("status"));

    // a caravan stop on Wednesday 10:00-11:00 of the published route
    var stop = fx.one("SELECT v.id AS caravan, l.siruta FROM caravans v JOIN localities l ON l.county = v.county "
        + "WHERE v.county = 'BC' ORDER BY v.id DESC, l.siruta DESC LIMIT 1", Tuple.tuple());
    LocalDate wednesday = monday.plusDays(2);
    fx.one("INSERT INTO plan_stops (plan_id, caravan_id, day, position, stop_siruta, arrives_at, departs_at) "
        + "VALUES ($1::uuid, $2, $3, 0, $4, $5, $6) RETURNING position", Tuple.of(plan, stop.getLong("caravan"), wednesday,
            stop.getInteger("siruta"), wednesday.atTime(10, 0).atZone(InteropFixture.ZONE).toOffsetDateTime(),
            wednesday.atTime(11, 0).atZone(InteropFixture.ZONE).toOffsetDateTime()));
    String stopSchedule = "Schedule/stop-" + stop.getInteger("siruta");
    JsonObject stopSlots = fhir(fx.get("/fhir/r4/Slot?schedule=" + stopSchedule + week + "&status=free", BC), 200, "Bundle");
    assertEquals(2, stopSlots.getInteger("total"));
    String first = resources(stopSlots).get(0).getString("id");
    assertEquals("stop-" + stop.getInteger("siruta") + "." + wednesday.format(DateTimeFormatter.BASIC_ISO_DATE) + "1000", first);
    String consultation = fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, booking(first, beneficiary("BC", 9))
        .put("serviceType", new JsonArray().add(new JsonObject().put("coding", new JsonArray().add(new JsonObject()
            .put("system", "https://caravana.ro/fhir/CodeSystem/service").put("code", "medical_consultation"))))).encode()),
        201, "Appointment").getString("id");
    var visit = fx.one("SELECT modality, caravan_id, stop_siruta FROM appointments WHERE id = $1::uuid", Tuple.of(consultation));
    assertEquals("caravan", visit.getString("modality"));
    assertEquals(stop.getLong("caravan"), visit.getLong("caravan_id"));
    assertEquals(stop.getInteger("siruta"), visit.getInteger("stop_siruta"));
    assertEquals(1, fhir(fx.get("/fhir/r4/Slot?schedule=" + stopSchedule + week + "&status=free", BC), 200, "Bundle")
        .getInteger("total"));
    assertEquals(1, fhir(fx.get("/fhir/r4/Schedule?actor=Location/stop-" + stop.getInteger("siruta"), BC), 200, "Bundle")
        .getInteger("total"));
    assertEquals(0, fhir(fx.get("/fhir/r4/Slot?schedule=" + stopSchedule + week, VN), 200, "Bundle").getInteger("total"));
  }

  @Test
  @DisplayName("AppointmentResponse: a family's DA confirms, NU cancels through the lifecycle; read back whatever the channel")
  void familyAnswers() {
    LocalDate tuesday = monday.plusDays(1);
    String yesPatient = beneficiary("BC", 6);
    String noPatient = beneficiary("BC", 7);
    String yes = fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR,
        booking(slotId(tuesday, "0800"), yesPatient).put("status", "proposed").encode()), 201, "Appointment").getString("id");
    String no = fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR,
        booking(slotId(tuesday, "0830"), noPatient).encode()), 201, "Appointment").getString("id");
    // nobody answered yet
    fhir(fx.get("/fhir/r4/AppointmentResponse/" + yes + ".patient", BC), 404, "OperationOutcome");

    var accepted = fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", BC, FHIR, answer(yes, yesPatient, "accepted", null).encode());
    JsonObject da = fhir(accepted, 201, "AppointmentResponse");
    assertEquals("accepted", da.getString("participantStatus"));
    assertTrue(accepted.getHeader("Location").endsWith("/fhir/r4/AppointmentResponse/" + yes + ".patient"));
    assertEquals("booked", fhir(fx.get("/fhir/r4/Appointment/" + yes, BC), 200, "Appointment").getString("status"),
        "a proposed appointment the family confirms becomes booked");
    assertEquals(1, fx.one("SELECT count(*) FROM appointment_confirmations WHERE appointment_id = $1::uuid", Tuple.of(yes)).getLong(0));
    assertEquals(1, fx.one("SELECT count(*) FROM outbox WHERE event_type = 'appointment.confirmed' AND payload->>'appointmentId' = $1",
        Tuple.of(yes)).getLong(0));

    JsonObject nu = fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", BC, FHIR,
        answer(no, noPatient, "declined", "Copilul este bolnav").encode()), 201, "AppointmentResponse");
    assertEquals("declined", nu.getString("participantStatus"));
    assertEquals("Copilul este bolnav", nu.getString("comment"));
    assertEquals("cancelled", fhir(fx.get("/fhir/r4/Appointment/" + no, BC), 200, "Appointment").getString("status"));
    assertEquals("family_declined", fx.one("SELECT reason_class FROM appointment_status_changes WHERE appointment_id = $1::uuid "
        + "AND to_status = 'cancelled'", Tuple.of(no)).getString(0));
    assertEquals("free", fhir(fx.get("/fhir/r4/Slot/" + slotId(tuesday, "0830"), BC), 200, "Slot").getString("status"));

    JsonObject search = fhir(fx.get("/fhir/r4/AppointmentResponse?appointment=Appointment/" + no, BC), 200, "Bundle");
    assertEquals(1, search.getInteger("total"));
    assertEquals(1, fhir(fx.get("/fhir/r4/AppointmentResponse?actor=Patient/" + yesPatient, BC), 200, "Bundle").getInteger("total"));
    // a cancelled appointment cannot be confirmed any more; the wrong patient, another county, a doctor
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", BC, FHIR, answer(no, noPatient, "accepted", null).encode()),
        409, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", BC, FHIR, answer(yes, noPatient, "declined", null).encode()),
        422, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", BC, FHIR, answer(yes, yesPatient, "tentative", null).encode()),
        422, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", VN, FHIR, answer(yes, yesPatient, "declined", null).encode()),
        404, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", DOCTOR, FHIR, answer(yes, yesPatient, "declined", null).encode()),
        403, "OperationOutcome");
    fhir(fx.get("/fhir/r4/AppointmentResponse/" + yes + ".patient", VN), 404, "OperationOutcome");
    assertEquals(0, fhir(fx.get("/fhir/r4/AppointmentResponse?appointment=Appointment/" + yes, VN), 200, "Bundle").getInteger("total"));
    for (String hostile : List.of(yes, yes.toUpperCase() + ".patient", yes + ".PATIENT", "%D9%A1.patient", yes + ".patient.patient",
        "+" + yes + ".patient")) {
      var r = fx.get("/fhir/r4/AppointmentResponse/" + hostile, BC);
      assertTrue(r.statusCode() == 400 || r.statusCode() == 404, hostile + ": " + r.statusCode());
      fhir(r, r.statusCode(), "OperationOutcome");
    }
    fhir(fx.get("/fhir/r4/AppointmentResponse?appointment=Appointment/%2B1", BC), 400, "OperationOutcome");
  }

  private static JsonObject answer(String appointment, String patient, String status, String comment) {
    return answerBy(appointment, "Patient/" + patient, status, comment);
  }

  private static JsonObject answerBy(String appointment, String actor, String status, String comment) {
    JsonObject r = new JsonObject().put("resourceType", "AppointmentResponse")
        .put("appointment", new JsonObject().put("reference", "Appointment/" + appointment))
        .put("actor", new JsonObject().put("reference", actor)).put("participantStatus", status);
    return comment == null ? r : r.put("comment", comment);
  }

  @Test
  @DisplayName("AppointmentResponse by the practitioner: they accept a proposed appointment or decline one, only for themselves")
  void practitionerAnswers() {
    long doctor = fx.one("SELECT staff_id FROM accounts WHERE email = $1", Tuple.of(DOCTOR)).getLong(0);
    long other = fx.one("SELECT id FROM staff WHERE county = 'BC' AND id <> $1 ORDER BY id LIMIT 1", Tuple.of(doctor)).getLong(0);
    var thursday = monday.plusDays(3).atTime(10, 0).atZone(InteropFixture.ZONE).toOffsetDateTime();
    String insert = "INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, status) "
        + "VALUES (gen_random_uuid(), $1::uuid, 'telemedicine', 'remote', $2, $3, $4, $5) RETURNING id::text";
    String proposed = fx.one(insert, Tuple.of(beneficiary("BC", 10), thursday, thursday.plusMinutes(30), doctor, "proposed"))
        .getString(0);
    String booked = fx.one(insert, Tuple.of(beneficiary("BC", 11), thursday.plusHours(1), thursday.plusHours(1).plusMinutes(30),
        doctor, "booked")).getString(0);
    String me = "Practitioner/" + doctor;

    JsonObject yes = fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", DOCTOR, FHIR,
        answerBy(proposed, me, "accepted", null).encode()), 201, "AppointmentResponse");
    assertEquals("accepted", yes.getString("participantStatus"));
    assertEquals(me, yes.getJsonObject("actor").getString("reference"));
    assertEquals(proposed + ".practitioner", yes.getString("id"));
    assertEquals("booked", fx.one("SELECT status FROM appointments WHERE id = $1::uuid", Tuple.of(proposed)).getString(0));
    // a booked appointment awaits no acceptance
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", DOCTOR, FHIR, answerBy(booked, me, "accepted", null).encode()),
        409, "OperationOutcome");
    JsonObject no = fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", DOCTOR, FHIR,
        answerBy(booked, me, "declined", "Concediu medical").encode()), 201, "AppointmentResponse");
    assertEquals("declined", no.getString("participantStatus"));
    assertEquals("Concediu medical", no.getString("comment"));
    assertEquals("cancelled", fx.one("SELECT status FROM appointments WHERE id = $1::uuid", Tuple.of(booked)).getString(0));
    assertEquals("declined", fhir(fx.get("/fhir/r4/AppointmentResponse/" + booked + ".practitioner", BC), 200,
        "AppointmentResponse").getString("participantStatus"));
    assertEquals(2, fhir(fx.get("/fhir/r4/AppointmentResponse?actor=" + me, DOCTOR), 200, "Bundle").getInteger("total"));
    assertEquals(0, fhir(fx.get("/fhir/r4/AppointmentResponse?actor=" + me, VN), 200, "Bundle").getInteger("total"));
    // nobody answers for a practitioner but themselves; a practitioner answers for no one else
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", BC, FHIR, answerBy(proposed, me, "declined", null).encode()),
        403, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", DOCTOR, FHIR,
        answerBy(proposed, "Practitioner/" + other, "declined", null).encode()), 403, "OperationOutcome");
    for (String actor : List.of("Practitioner/%D9%A1", "Practitioner/+" + doctor, "Practitioner/0" + doctor, "Organization/1")) {
      var r = fx.call(HttpMethod.POST, "/fhir/r4/AppointmentResponse", DOCTOR, FHIR, answerBy(proposed, actor, "declined", null).encode());
      assertTrue(r.statusCode() == 400 || r.statusCode() == 422, actor + ": " + r.statusCode());
      fhir(r, r.statusCode(), "OperationOutcome");
    }
    assertEquals("booked", fx.one("SELECT status FROM appointments WHERE id = $1::uuid", Tuple.of(proposed)).getString(0));
  }

  @Test
  @DisplayName("hostile slot and schedule ids (Unicode digits, signs, percent-encoding, off-grid times) are 400/404 OperationOutcomes")
  void hostileSlotIds() {
    String good = slotId(monday, "0800");
    String day = monday.format(DateTimeFormatter.BASIC_ISO_DATE);
    for (String id : List.of("room-%D9%A1." + day + "0800", "room-+" + room + "." + day + "0800", "room-0" + room + "." + day + "0800",
        "room-" + room + "." + day + "0815", "room-" + room + "." + day + "08", "room-" + room + "." + day + "2500",
        "room-" + room + "." + day.substring(0, 4) + "1301" + "0800", "room-" + room + "." + day + "08%D9%A0%D9%A0",
        "flat-" + room + "." + day + "0800", "room-" + room + ".5." + day + "0800", good.toUpperCase(),
        "room-" + room + "." + monday.plusWeeks(1).format(DateTimeFormatter.BASIC_ISO_DATE) + "0800")) {
      var r = fx.get("/fhir/r4/Slot/" + id, BC);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, id + ": " + r.statusCode());
      fhir(r, r.statusCode(), "OperationOutcome");
      var b = fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, booking(id, beneficiary("BC", 5)).encode());
      assertTrue(b.statusCode() == 404 || b.statusCode() == 400, "booking " + id + ": " + b.statusCode());
      fhir(b, b.statusCode(), "OperationOutcome");
    }
    for (String path : List.of("Schedule/room-%D9%A1", "Schedule/staff-1.0", "Schedule/stop--5", "Schedule/centre-1")) {
      var r = fx.get("/fhir/r4/" + path, BC);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + ": " + r.statusCode());
      fhir(r, r.statusCode(), "OperationOutcome");
    }
    for (String query : List.of("", "schedule=Schedule/room-%D9%A1", "schedule=Practitioner/1", "schedule=Schedule/room-"
        + room + "&status=maybe", "schedule=Schedule/room-" + room + "&start=ge2026-01-01&start=le2027-01-01",
        "schedule=Schedule/room-" + room + "&start=2026-13-01", "schedule=Schedule/room-" + room + "&patient=Patient/x")) {
      var r = fx.get("/fhir/r4/Slot?" + query, BC);
      assertEquals(400, r.statusCode(), query);
      assertFalse(fhir(r, 400, "OperationOutcome").getJsonArray("issue").getJsonObject(0).getString("diagnostics").isBlank());
    }
    // a booking without slot or patient, or with a malformed patient reference
    JsonObject noSlot = booking(good, beneficiary("BC", 5));
    noSlot.remove("slot");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, noSlot.encode()), 400, "OperationOutcome");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, booking(good, "%2B1").encode()), 400, "OperationOutcome");
    JsonObject noService = booking(good, beneficiary("BC", 5));
    noService.remove("serviceType");
    fhir(fx.call(HttpMethod.POST, "/fhir/r4/Appointment", BC, FHIR, noService.encode()), 400, "OperationOutcome");
  }

  @Test
  @DisplayName("Patient update (PUT): the JSON API's validation and versions, as OperationOutcomes; scope as the JSON API")
  void patientUpdate() {
    String patient = beneficiary("VN", 3);
    JsonObject served = fhir(fx.get("/fhir/r4/Patient/" + patient, VN), 200, "Patient");
    String version = served.getJsonObject("meta").getString("versionId");
    JsonObject changed = served.copy();
    changed.getJsonArray("name").getJsonObject(0).put("given", new JsonArray().add("Ștefania"));
    var r = fx.client.put(fx.app.port(), "127.0.0.1", "/fhir/r4/Patient/" + patient)
        .putHeader("Authorization", "Bearer " + fx.token(VN)).putHeader("Content-Type", FHIR)
        .putHeader("If-Match", "W/\"" + version + "\"");
    JsonObject stored = fhir(InteropFixture.await(r.sendBuffer(Buffer.buffer(changed.encode()))), 200, "Patient");
    assertEquals("Ștefania", stored.getJsonArray("name").getJsonObject(0).getJsonArray("given").getString(0));
    assertEquals(String.valueOf(Integer.parseInt(version) + 1), stored.getJsonObject("meta").getString("versionId"));
    assertEquals("Ștefania", fx.one("SELECT first_name FROM beneficiaries WHERE id = $1::uuid", Tuple.of(patient)).getString(0));
    // the old version again: 409
    fhir(InteropFixture.await(r.sendBuffer(Buffer.buffer(changed.encode()))), 409, "OperationOutcome");
    // validation names the field
    JsonObject future = stored.copy().put("birthDate", "2999-01-01");
    future.remove("identifier"); // the CNP would disagree with the date first
    JsonObject oo = fhir(fx.call(HttpMethod.PUT, "/fhir/r4/Patient/" + patient, VN, FHIR, future.encode()), 422, "OperationOutcome");
    assertEquals("birthDate", oo.getJsonArray("issue").getJsonObject(0).getJsonArray("expression").getString(0));
    // another id in the body, another county, a doctor
    fhir(fx.call(HttpMethod.PUT, "/fhir/r4/Patient/" + patient, VN, FHIR, stored.copy().put("id", beneficiary("VN", 4)).encode()),
        400, "OperationOutcome");
    fhir(fx.call(HttpMethod.PUT, "/fhir/r4/Patient/" + patient, BC, FHIR, stored.encode()), 404, "OperationOutcome");
    fhir(fx.call(HttpMethod.PUT, "/fhir/r4/Patient/" + patient, DOCTOR, FHIR, stored.encode()), 403, "OperationOutcome");
    String bcSiruta = fx.one("SELECT siruta FROM localities WHERE county = 'BC' ORDER BY siruta LIMIT 1", Tuple.tuple()).getInteger(0)
        .toString();
    JsonObject moved = stored.copy();
    moved.getJsonArray("address").getJsonObject(0).getJsonArray("extension").getJsonObject(0)
        .put("valueInteger", Integer.parseInt(bcSiruta));
    fhir(fx.call(HttpMethod.PUT, "/fhir/r4/Patient/" + patient, VN, FHIR, moved.encode()), 403, "OperationOutcome");
    for (String hostile : List.of("%D9%A1", patient.toUpperCase(), "+" + patient, "1.5")) {
      var h = fx.call(HttpMethod.PUT, "/fhir/r4/Patient/" + hostile, VN, FHIR, stored.encode());
      assertTrue(h.statusCode() == 400 || h.statusCode() == 404, hostile + ": " + h.statusCode());
      fhir(h, h.statusCode(), "OperationOutcome");
    }
  }

  @Test
  @DisplayName("CarePlan: read and search within scope, validating; another county's plan is 404")
  void carePlans() {
    var plan = fx.one("SELECT p.id::text, p.beneficiary_id::text FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY p.id LIMIT 1", Tuple.tuple());
    JsonObject cp = fhir(fx.get("/fhir/r4/CarePlan/" + plan.getString(0), BC), 200, "CarePlan");
    assertEquals("Patient/" + plan.getString(1), cp.getJsonObject("subject").getString("reference"));
    assertNotNull(cp.getJsonArray("activity").getJsonObject(0).getJsonObject("detail").getJsonObject("scheduledTiming"));
    long count = fx.one("SELECT count(*) FROM care_plans WHERE beneficiary_id = $1::uuid", Tuple.of(plan.getString(1))).getLong(0);
    JsonObject found = fhir(fx.get("/fhir/r4/CarePlan?patient=Patient/" + plan.getString(1), BC), 200, "Bundle");
    assertEquals(count, found.getInteger("total").longValue());
    fhir(fx.get("/fhir/r4/CarePlan?_count=20", ADMIN), 200, "Bundle");
    fhir(fx.get("/fhir/r4/CarePlan/" + plan.getString(0), VN), 404, "OperationOutcome");
    assertEquals(0, fhir(fx.get("/fhir/r4/CarePlan?patient=Patient/" + plan.getString(1), VN), 200, "Bundle").getInteger("total"));
    for (String hostile : List.of("%D9%A1", plan.getString(0).toUpperCase(), "-1", "1.5", "%7B" + plan.getString(0) + "%7D")) {
      var r = fx.get("/fhir/r4/CarePlan/" + hostile, BC);
      assertTrue(r.statusCode() == 400 || r.statusCode() == 404, hostile + ": " + r.statusCode());
      fhir(r, r.statusCode(), "OperationOutcome");
    }
    fhir(fx.get("/fhir/r4/CarePlan?patient=Patient/%2B1", BC), 400, "OperationOutcome");
  }

  @Test
  @DisplayName("Communication: notices and replies of a beneficiary, never a phone number; text for coordinators, not clinicians")
  void communications() {
    // a Bacău appointment of the demo doctor, with a notice and the family's answer
    var a = fx.one("SELECT a.id::text, a.beneficiary_id::text FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta JOIN staff s ON s.id = a.staff_id "
        + "WHERE l.county = 'BC' AND s.id = (SELECT id FROM staff WHERE county = 'BC' AND role = 'doctor' ORDER BY id LIMIT 1) "
        + "ORDER BY a.id DESC LIMIT 1", Tuple.tuple());
    String phone = "+40741999888";
    long notice = fx.one("INSERT INTO notices (dedupe_key, appointment_id, beneficiary_id, kind, phone, body, encoding, segments, "
        + "cost_bani, status, sent_at, county) VALUES ('test:' || gen_random_uuid(), $1::uuid, $2::uuid, 'reminder', $3, "
        + "'Mâine la 10:00: kinetoterapie. Răspundeți DA sau NU.', 'UCS-2', 1, 7, 'sent', now(), 'BC') RETURNING id",
        Tuple.of(a.getString(0), a.getString(1), phone)).getLong(0);
    long reply = fx.one("INSERT INTO sms_replies (phone, body, intent, appointment_id, notice_id, outcome) "
        + "VALUES ($1, 'DA', 'confirm', $2::uuid, $3, 'confirmed') RETURNING id", Tuple.of(phone, a.getString(0), notice)).getLong(0);

    var r = fx.get("/fhir/r4/Communication?patient=Patient/" + a.getString(1), BC);
    JsonObject bundle = fhir(r, 200, "Bundle");
    assertFalse(r.bodyAsString().contains("741999888"), "no phone number in a Communication");
    List<String> ids = new ArrayList<>();
    for (JsonObject c : resources(bundle)) ids.add(c.getString("id"));
    assertTrue(ids.contains(String.valueOf(notice)) && ids.contains("reply-" + reply), ids.toString());
    JsonObject sent = fhir(fx.get("/fhir/r4/Communication/" + notice, BC), 200, "Communication");
    assertEquals("completed", sent.getString("status"));
    assertTrue(sent.getJsonArray("payload").getJsonObject(0).getString("contentString").startsWith("Mâine"));
    JsonObject answer = fhir(fx.get("/fhir/r4/Communication/reply-" + reply, BC), 200, "Communication");
    assertEquals("Communication/" + notice, answer.getJsonArray("inResponseTo").getJsonObject(0).getString("reference"));
    assertEquals("Patient/" + a.getString(1), answer.getJsonObject("sender").getString("reference"));

    // the doctor of the appointment sees that it was sent, not what it said
    JsonObject forDoctor = fhir(fx.get("/fhir/r4/Communication/" + notice, DOCTOR), 200, "Communication");
    assertFalse(forDoctor.containsKey("payload"), forDoctor.encode());
    // another county: not there
    fhir(fx.get("/fhir/r4/Communication/" + notice, VN), 404, "OperationOutcome");
    fhir(fx.get("/fhir/r4/Communication/reply-" + reply, VN), 404, "OperationOutcome");
    assertEquals(0, fhir(fx.get("/fhir/r4/Communication?patient=Patient/" + a.getString(1), VN), 200, "Bundle").getInteger("total"));
    fhir(fx.get("/fhir/r4/Communication", SUPERVISOR), 403, "OperationOutcome");
    for (String hostile : List.of("%D9%A1", "reply-%D9%A1", "-" + notice, notice + ".0", "reply-0" + reply, "reply--1", "+" + notice)) {
      var h = fx.get("/fhir/r4/Communication/" + hostile, BC);
      assertTrue(h.statusCode() == 400 || h.statusCode() == 404, hostile + ": " + h.statusCode());
      fhir(h, h.statusCode(), "OperationOutcome");
    }
    // reads are audited, replies too
    long deadline = System.currentTimeMillis() + 5000;
    long rows = 0;
    while (rows == 0 && System.currentTimeMillis() < deadline) {
      rows = fx.one("SELECT count(*) FROM audit_log WHERE path = $1 AND action = 'read'",
          Tuple.of("/fhir/r4/Communication/reply-" + reply)).getLong(0);
    }
    assertEquals(1, rows);
  }
}
