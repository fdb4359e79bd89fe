package ro.caravana.scheduler.attendance;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.access.Role;

/**
 * A Bacău caravan with its doctor and a nurse (each with an account), a day of caravan appointments at two
 * stops, and one Vrancea appointment nobody of this crew may mark; written with SQL.
 */
public final class FieldFixtures {

  public static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  public static final String PASSWORD = "field-test-password";

  public final long caravanId;
  public final long doctorId;
  public final long nurseId;
  public final String nurseEmail;
  public final String doctorEmail;
  public final int stopA;
  public final int stopB;
  public final LocalDate day;
  /** The day's appointments in time order: the first {@code perStop} at stop A, the rest at stop B. */
  public final List<UUID> appointments;
  public final UUID otherCounty;
  /** Someone living at stop A without an appointment that day. */
  public final UUID resident;

  private FieldFixtures(long caravanId, long doctorId, long nurseId, String nurseEmail, String doctorEmail, int stopA,
      int stopB, LocalDate day, List<UUID> appointments, UUID otherCounty, UUID resident) {
    this.caravanId = caravanId;
    this.doctorId = doctorId;
    this.nurseId = nurseId;
    this.nurseEmail = nurseEmail;
    this.doctorEmail = doctorEmail;
    this.stopA = stopA;
    this.stopB = stopB;
    this.day = day;
    this.appointments = appointments;
    this.otherCounty = otherCounty;
    this.resident = resident;
  }

  /** {@code perStop} appointments at each of two stops on {@code day}, from 09:00, 20 minutes each. */
  public static FieldFixtures create(SchedulerApp app, LocalDate day, int perStop) throws Exception {
    Pool pool = app.pool();
    String tag = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000));
    var bc = get(pool.query("SELECT siruta FROM localities WHERE county = 'BC' ORDER BY siruta LIMIT 3").execute());
    List<Integer> sirutas = new ArrayList<>();
    bc.forEach(r -> sirutas.add(r.getInteger(0)));
    int vn = get(pool.query("SELECT siruta FROM localities WHERE county = 'VN' ORDER BY siruta LIMIT 1").execute())
        .iterator().next().getInteger(0);
    long caravan = one(pool, "INSERT INTO caravans (code, name, county, depot_siruta, consultations_per_day, shift_start, "
        + "shift_end) VALUES ($1, 'Caravana de test', 'BC', $2, 40, TIME '08:00', TIME '16:00') RETURNING id",
        Tuple.of("CV-" + tag, sirutas.get(0)));
    long doctor = one(pool, "INSERT INTO staff (code, first_name, last_name, role, county, caravan_id) "
        + "VALUES ($1, 'Ioana', 'Mureșan', 'doctor', 'BC', $2) RETURNING id", Tuple.of("DR-" + tag, caravan));
    long nurse = one(pool, "INSERT INTO staff (code, first_name, last_name, role, county, caravan_id) "
        + "VALUES ($1, 'Maria', 'Ciobanu', 'nurse', 'BC', $2) RETURNING id", Tuple.of("AS-" + tag, caravan));
    String nurseEmail = "asistent." + tag + "@caravana.test";
    String doctorEmail = "medic." + tag + "@caravana.test";
    get(app.access().createAccount(nurseEmail, "Asistent", Role.NURSE, List.of("BC"), null, nurse, PASSWORD));
    get(app.access().createAccount(doctorEmail, "Medic", Role.DOCTOR, List.of("BC"), null, doctor, PASSWORD));
    List<UUID> appointments = new ArrayList<>();
    OffsetDateTime t = day.atTime(LocalTime.of(9, 0)).atZone(ZONE).toOffsetDateTime();
    String[] first = {"Andrei", "Elena", "Ștefan", "Ioana", "Mihai", "Ana", "Vasile", "Maria", "Gheorghe", "Raluca"};
    for (int i = 0; i < 2 * perStop; i++) {
      int stop = i < perStop ? sirutas.get(1) : sirutas.get(2);
      UUID b = person(pool, first[i % first.length], "Popa" + (char) ('A' + i % 26), stop);
      UUID a = UUID.randomUUID();
      get(pool.preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, "
          + "staff_id, caravan_id, stop_siruta, status) VALUES ($1, $2, 'medical_consultation', 'caravan', $3, $4, $5, $6, $7, "
          + "'booked')").execute(Tuple.from(new Object[] {a, b, t, t.plusMinutes(20), doctor, caravan, stop})));
      appointments.add(a);
      t = t.plusMinutes(20);
    }
    UUID resident = person(pool, "Constantin", "Vecinul", sirutas.get(1));
    UUID vnPerson = person(pool, "Dan", "Vrânceanu", vn);
    UUID other = UUID.randomUUID();
    OffsetDateTime o = day.atTime(LocalTime.of(10, 0)).atZone(ZONE).toOffsetDateTime();
    get(pool.preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, "
        + "stop_siruta, status) VALUES ($1, $2, 'medical_consultation', 'caravan', $3, $4, $5, 'booked')")
        .execute(Tuple.from(new Object[] {other, vnPerson, o, o.plusMinutes(20), vn})));
    return new FieldFixtures(caravan, doctor, nurse, nurseEmail, doctorEmail, sirutas.get(1), sirutas.get(2), day,
        List.copyOf(appointments), other, resident);
  }

  public String nurseToken(SchedulerApp app) throws Exception {
    return app.access().tokens().issue(get(app.access().accounts().byEmail(nurseEmail)).orElseThrow());
  }

  public String doctorToken(SchedulerApp app) throws Exception {
    return app.access().tokens().issue(get(app.access().accounts().byEmail(doctorEmail)).orElseThrow());
  }

  private static UUID person(Pool pool, String first, String last, int siruta) throws Exception {
    UUID id = UUID.randomUUID();
    get(pool.preparedQuery("INSERT INTO beneficiaries (id, first_name, last_name, birth_date, sex, locality_siruta, "
        + "category) VALUES ($1, $2, $3, DATE '1980-05-06', 'F', $4, 'vulnerable_family')")
        .execute(Tuple.of(id, first, last, siruta)));
    return id;
  }

  private static long one(Pool pool, String sql, Tuple args) throws Exception {
    return get(pool.preparedQuery(sql).execute(args)).iterator().next().getLong(0);
  }

  public static <T> T get(Future<T> f) throws Exception {
    return get(f, 30);
  }

  /** Starting an app can take minutes when it is the first in the JVM (embedded PostgreSQL and Kafka start). */
  public static <T> T get(Future<T> f, int seconds) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
