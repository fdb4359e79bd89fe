package ro.caravana.scheduler.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.common.Blocking;
import ro.caravana.scheduler.demo.DemoScenario.Hours;
import ro.caravana.scheduler.geo.LocalityFiles;

/**
 * Stores a generated {@link DemoScenario} with batched inserts in one transaction. The
 * {@code demo_scenario} row makes it idempotent: a second start (or a second instance racing the
 * first) finds the row and loads nothing. The demo data is the initial state, so it writes no
 * outbox events.
 */
public final class DemoLoader {

  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

  static final String CLAIM =
      "INSERT INTO demo_scenario (id, seed) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING id";
  static final String INSERT_CENTRE = """
      INSERT INTO community_centres (code, name, locality_siruta, address, opening_hours)
      VALUES ($1, $2, $3, $4, $5)""";
  static final String CENTRE_IDS = "SELECT id, code FROM community_centres";
  static final String INSERT_ROOM =
      "INSERT INTO rooms (centre_id, name, capacity, equipment) VALUES ($1, $2, $3, $4)";
  static final String INSERT_CARAVAN = """
      INSERT INTO caravans (code, name, county, depot_siruta, crew, consultations_per_day, shift_start, shift_end)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  static final String CARAVAN_IDS = "SELECT id, code FROM caravans";
  static final String INSERT_STAFF = """
      INSERT INTO staff (code, first_name, last_name, role, skills, county, home_centre_id, caravan_id,
        weekly_availability, phone)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";
  static final String STAFF_IDS = "SELECT id, code FROM staff";
  static final String INSERT_LEAVE = "INSERT INTO staff_leave (staff_id, from_date, to_date, reason) VALUES ($1, $2, $3, $4)";
  static final String INSERT_BENEFICIARY = """
      INSERT INTO beneficiaries (id, first_name, last_name, cnp, birth_date, sex, locality_siruta, household_id,
        centre_id, category, flags, guardian_name, phone, sms_consent, sms_consent_date, data_consent,
        data_consent_date, preferred_language)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)""";
  static final String INSERT_CARE_PLAN = """
      INSERT INTO care_plans (id, beneficiary_id, service, sessions_per_week, interval_weeks, minutes, modality,
        centre_id, valid_from, valid_to, preferred_days, preferred_from, preferred_to)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";

  private DemoLoader() {}

  /** Generates and stores the scenario unless one is already stored; true when this call loaded it. */
  public static Future<Boolean> loadOnce(Pool pool, long seed) {
    return loadOnce(pool, seed, "demo", () -> DemoGenerator.generate(seed, LocalityFiles.localities(), LocalityFiles.units()));
  }

  /**
   * The national scenario ({@link NationalGenerator}: the 42 county units, {@code beneficiaries} people) instead of
   * the demo one, for the national-week benchmark; likewise stored once per database.
   */
  public static Future<Boolean> loadNationalOnce(Pool pool, long seed, int beneficiaries) {
    return loadNationalOnce(pool, seed, beneficiaries, null);
  }

  /** Only the named counties (null: all), each at its share of a country of {@code beneficiaries} people. */
  public static Future<Boolean> loadNationalOnce(Pool pool, long seed, int beneficiaries, Set<String> counties) {
    return loadOnce(pool, seed, "national", () -> NationalGenerator.generate(seed, beneficiaries, counties,
        LocalityFiles.romaniaLocalities(), LocalityFiles.romaniaUnits()));
  }

  private static Future<Boolean> loadOnce(Pool pool, long seed, String name, Callable<DemoScenario> generator) {
    long started = System.nanoTime();
    return pool.query("SELECT count(*) FROM demo_scenario").execute()
        .compose(rows -> rows.iterator().next().getLong(0) > 0
            ? Future.succeededFuture(false)
            : Blocking.run(generator).compose(scenario -> pool.withTransaction(tx -> store(tx, scenario))))
        .onSuccess(loaded -> {
          if (loaded) LOG.info("{} scenario (seed {}) loaded in {} ms", name, seed, (System.nanoTime() - started) / 1_000_000);
        });
  }

  static Future<Boolean> store(SqlConnection tx, DemoScenario s) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(s.seed())).compose(claimed -> {
      if (claimed.size() == 0) return Future.succeededFuture(false);
      return insertCentres(tx, s)
          .compose(centres -> insertRooms(tx, s, centres)
              .compose(v -> insertCaravans(tx, s))
              .compose(caravans -> insertStaff(tx, s, centres, caravans))
              .compose(v -> insertBeneficiaries(tx, s, centres))
              .compose(v -> insertCarePlans(tx, s, centres)))
          .map(true);
    });
  }

  private static Future<Map<String, Long>> insertCentres(SqlConnection tx, DemoScenario s) {
    List<Tuple> rows = s.centres().stream().map(c -> Tuple.of(c.code(), c.name(), c.localitySiruta(), c.address(),
        hours(c.openingHours()))).toList();
    return tx.preparedQuery(INSERT_CENTRE).executeBatch(rows).compose(r -> ids(tx, CENTRE_IDS));
  }

  private static Future<Void> insertRooms(SqlConnection tx, DemoScenario s, Map<String, Long> centres) {
    List<Tuple> rows = new ArrayList<>();
    for (DemoScenario.Centre c : s.centres()) {
      for (DemoScenario.Room r : c.rooms()) {
        rows.add(Tuple.of(centres.get(c.code()), r.name(), r.capacity(), r.equipment().toArray(String[]::new)));
      }
    }
    return tx.preparedQuery(INSERT_ROOM).executeBatch(rows).mapEmpty();
  }

  private static Future<Map<String, Long>> insertCaravans(SqlConnection tx, DemoScenario s) {
    List<Tuple> rows = s.caravans().stream().map(c -> Tuple.from(new Object[] {c.code(), c.name(), c.county(),
        c.depotSiruta(), c.crew().toArray(String[]::new), c.consultationsPerDay(), c.shiftStart(), c.shiftEnd()}))
        .toList();
    return tx.preparedQuery(INSERT_CARAVAN).executeBatch(rows).compose(r -> ids(tx, CARAVAN_IDS));
  }

  private static Future<Void> insertStaff(SqlConnection tx, DemoScenario s, Map<String, Long> centres,
      Map<String, Long> caravans) {
    List<Tuple> rows = s.staff().stream().map(p -> Tuple.from(new Object[] {p.code(), p.firstName(), p.lastName(),
        p.role(), p.skills().toArray(String[]::new), p.county(), centres.get(p.centreCode()),
        caravans.get(p.caravanCode()), availability(p.availability()), p.phone()})).toList();
    return tx.preparedQuery(INSERT_STAFF).executeBatch(rows)
        .compose(r -> ids(tx, STAFF_IDS))
        .compose(staffIds -> {
          List<Tuple> leave = new ArrayList<>();
          for (DemoScenario.StaffMember p : s.staff()) {
            for (DemoScenario.Leave l : p.leave()) {
              leave.add(Tuple.of(staffIds.get(p.code()), l.from(), l.to(), l.reason()));
            }
          }
          return leave.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(INSERT_LEAVE).executeBatch(leave).mapEmpty();
        });
  }

  private static Future<Void> insertBeneficiaries(SqlConnection tx, DemoScenario s,
      Map<String, Long> centres) {
    List<Tuple> rows = s.beneficiaries().stream().map(b -> Tuple.from(new Object[] {b.id(), b.firstName(),
        b.lastName(), b.cnp(), b.birthDate(), b.sex(), b.localitySiruta(), b.householdId(), centres.get(b.centreCode()),
        b.category(), b.flags().toArray(String[]::new), b.guardianName(), b.phone(), b.smsConsent(),
        b.smsConsentDate(), b.dataConsent(), b.dataConsentDate(), b.preferredLanguage()})).toList();
    return tx.preparedQuery(INSERT_BENEFICIARY).executeBatch(rows).mapEmpty();
  }

  private static Future<Void> insertCarePlans(SqlConnection tx, DemoScenario s, Map<String, Long> centres) {
    List<Tuple> rows = s.carePlans().stream().map(p -> Tuple.from(new Object[] {p.id(), p.beneficiaryId(),
        p.service(), p.sessionsPerWeek(), p.intervalWeeks(), p.minutes(), p.modality(), centres.get(p.centreCode()),
        p.validFrom(), p.validTo(), p.preferredDays().toArray(String[]::new), p.preferredFrom(), p.preferredTo()}))
        .toList();
    return tx.preparedQuery(INSERT_CARE_PLAN).executeBatch(rows).mapEmpty();
  }

  private static Future<Map<String, Long>> ids(SqlConnection tx, String sql) {
    return tx.query(sql).execute().map(rows -> {
      Map<String, Long> out = new HashMap<>();
      for (Row r : rows) out.put(r.getString("code"), r.getLong("id"));
      return out;
    });
  }

  static JsonObject hours(Map<DayOfWeek, Hours> byDay) {
    JsonObject o = new JsonObject();
    byDay.forEach((d, h) -> o.put(d.name(), new JsonObject().put("open", h.from().toString()).put("close", h.to().toString())));
    return o;
  }

  static JsonObject availability(Map<DayOfWeek, Hours> byDay) {
    JsonObject o = new JsonObject();
    byDay.forEach((d, h) -> o.put(d.name(),
        new JsonArray().add(new JsonObject().put("from", h.from().toString()).put("to", h.to().toString()))));
    return o;
  }
}
