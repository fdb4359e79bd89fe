package ro.caravana.scheduler.imports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.InvalidValue;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * Care plans from a spreadsheet: the beneficiary by CNP or by id, service, sessions a week, duration, mode,
 * period and preferred days and hours. Same flow as {@link BeneficiaryImport}: every problem reported, all or
 * nothing, and a plan already on record (same beneficiary, service, mode and start) is skipped.
 */
final class CarePlanImport {

  static final List<Columns.Field> FIELDS = List.of(
      new Columns.Field("cnp", "CNP", Set.of("cnp", "cnpbeneficiar")),
      new Columns.Field("beneficiaryId", "ID beneficiar", Set.of("id", "idbeneficiar", "beneficiar", "beneficiaryid")),
      new Columns.Field("service", "Serviciu", Set.of("serviciu", "serviciul", "terapie", "service")),
      new Columns.Field("sessionsPerWeek", "Ședințe pe săptămână", Set.of("sedintepesaptamana", "sedinte",
          "sedintesaptamanal", "nrsedinte", "sessionsperweek")),
      new Columns.Field("intervalWeeks", "La câte săptămâni", Set.of("lacatesaptamani", "intervalsaptamani", "intervalweeks")),
      new Columns.Field("minutes", "Durată", Set.of("durata", "duratamin", "durataminute", "duratasedintei", "minute", "minutes")),
      new Columns.Field("modality", "Mod", Set.of("mod", "modul", "modalitate", "modalitatea", "modality")),
      new Columns.Field("centre", "Centru", Set.of("centru", "centrul", "codcentru", "centre")),
      new Columns.Field("validFrom", "De la", Set.of("dela", "datainceput", "inceput", "validfrom")),
      new Columns.Field("validTo", "Până la", Set.of("panala", "datasfarsit", "sfarsit", "validto")),
      new Columns.Field("preferred", "Zile/ore preferate", Set.of("zileorepreferate", "zilesioreprefrate",
          "zilesiorepreferate", "zilepreferate", "orepreferate", "preferinte", "preferred")));

  static final Set<String> REQUIRED = Set.of("service", "sessionsPerWeek", "minutes", "modality", "validFrom");

  record Plan(int row, UUID beneficiary, String county, String service, int perWeek, int interval, int minutes,
      String modality, Long centre, LocalDate from, LocalDate to, List<String> days, LocalTime prefFrom, LocalTime prefTo) {

    String identity() {
      return beneficiary + "|" + service + "|" + modality + "|" + from;
    }
  }

  record Checked(ImportReport report, List<Plan> toWrite) {}

  private record Person(UUID id, String cnp, String county, Long centre) {}

  private static final String PEOPLE = """
      SELECT b.id, b.cnp, l.county, b.centre_id FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta
      WHERE b.cnp = ANY($1) OR b.id = ANY($2)""";
  private static final String CENTRES = """
      SELECT c.id, c.code FROM community_centres c WHERE c.retired_at IS NULL""";
  private static final String EXISTING = """
      SELECT beneficiary_id, service, modality, valid_from FROM care_plans WHERE beneficiary_id = ANY($1)""";
  private static final String WRITE = """
      WITH input AS (
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::int[], $7::text[], $8::bigint[],
          $9::date[], $10::date[], $11::text[], $12::time[], $13::time[], $14::text[])
          AS t(id, beneficiary_id, service, per_week, every, minutes, modality, centre_id, valid_from, valid_to, days,
               pref_from, pref_to, county)),
      ins AS (
        INSERT INTO care_plans (id, beneficiary_id, service, sessions_per_week, interval_weeks, minutes, modality, centre_id,
          valid_from, valid_to, preferred_days, preferred_from, preferred_to)
        SELECT id, beneficiary_id, service, per_week, every, minutes, modality, centre_id, valid_from, valid_to,
          CASE WHEN days = '' THEN '{}'::text[] ELSE string_to_array(days, ',') END, pref_from, pref_to FROM input
        RETURNING id),
      events AS (
        INSERT INTO outbox (topic, event_key, event_type, payload)
        SELECT $15, i.beneficiary_id::text, 'careplan.created', jsonb_build_object('id', i.id, 'beneficiaryId', i.beneficiary_id,
          'county', i.county, 'service', i.service, 'modality', i.modality, 'sessionsPerWeek', i.per_week,
          'minutes', i.minutes, 'source', 'import')
        FROM input i JOIN ins ON ins.id = i.id
        RETURNING 1)
      SELECT (SELECT count(*) FROM ins) AS created""";

  private final Pool pool;

  CarePlanImport(Pool pool) {
    this.pool = pool;
  }

  Future<Checked> check(Sheet sheet, Caller caller, LocalDate today, boolean dryRun) {
    Columns columns = Columns.of(sheet.headers(), FIELDS, REQUIRED);
    if (!columns.has("cnp") && !columns.has("beneficiaryId")) {
      throw new InvalidValue("Lipsește coloana „CNP” (sau „ID beneficiar”).", "The column 'CNP' (or 'ID beneficiar') is missing.");
    }
    List<String> cnps = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    for (Sheet.Line line : sheet.lines()) {
      Object c = columns.cell(line, "cnp");
      if (c != null) cnps.add(c.toString().replace(" ", ""));
      Object id = columns.cell(line, "beneficiaryId");
      UUID u = id == null ? null : Ids.uuidOrNull(id.toString().strip());
      if (u != null) ids.add(u);
    }
    Future<Map<String, Person>> people = pool.preparedQuery(PEOPLE)
        .execute(Tuple.tuple().addValue(cnps.toArray(String[]::new)).addValue(ids.toArray(UUID[]::new))).map(rows -> {
          Map<String, Person> out = new HashMap<>();
          for (Row r : rows) {
            Person p = new Person(r.getUUID("id"), r.getString("cnp"), r.getString("county"), r.getLong("centre_id"));
            out.put("id:" + p.id(), p);
            if (p.cnp() != null) out.put("cnp:" + p.cnp(), p);
          }
          return out;
        });
    Future<Map<String, Long>> centres = pool.query(CENTRES).execute().map(rows -> {
      Map<String, Long> out = new HashMap<>();
      for (Row r : rows) out.put(Text.key(r.getString("code")), r.getLong("id"));
      return out;
    });
    return Future.all(people, centres).compose(v -> {
      List<RowError> errors = new ArrayList<>();
      List<Plan> plans = new ArrayList<>();
      Map<String, Integer> firstRow = new HashMap<>();
      for (Sheet.Line line : sheet.lines()) {
        int before = errors.size();
        Plan p = plan(line, columns, people.result(), centres.result(), caller, today, errors);
        if (p == null || errors.size() > before) continue;
        Integer seen = firstRow.putIfAbsent(p.identity(), p.row());
        if (seen != null) {
          errors.add(new RowError(p.row(), "service", columns.header("service"), p.service(),
              "Rând duplicat: același plan ca pe rândul " + seen + ".", "Duplicate row: the same plan as row " + seen + "."));
          continue;
        }
        plans.add(p);
      }
      return existing(plans).map(onRecord -> {
        List<RowError> skipped = new ArrayList<>();
        List<Plan> toWrite = new ArrayList<>();
        for (Plan p : plans) {
          if (onRecord.contains(p.identity())) {
            skipped.add(new RowError(p.row(), "service", columns.header("service"), p.service(),
                "Planul este deja înregistrat; rândul nu se importă din nou.", "The plan is already on record; the row is not imported again."));
          } else {
            toWrite.add(p);
          }
        }
        errors.sort(java.util.Comparator.comparingInt(RowError::row));
        return new Checked(new ImportReport(sheet.lines().size(), plans.size(), errors, skipped, null, dryRun), toWrite);
      });
    });
  }

  Future<Integer> write(List<Plan> plans) {
    if (plans.isEmpty()) return Future.succeededFuture(0);
    int n = plans.size();
    UUID[] ids = new UUID[n], beneficiaries = new UUID[n];
    String[] service = new String[n], modality = new String[n], days = new String[n], county = new String[n];
    Integer[] perWeek = new Integer[n], every = new Integer[n], minutes = new Integer[n];
    Long[] centre = new Long[n];
    LocalDate[] from = new LocalDate[n], to = new LocalDate[n];
    LocalTime[] prefFrom = new LocalTime[n], prefTo = new LocalTime[n];
    for (int i = 0; i < n; i++) {
      Plan p = plans.get(i);
      ids[i] = UUID.randomUUID();
      beneficiaries[i] = p.beneficiary();
      service[i] = p.service();
      perWeek[i] = p.perWeek();
      every[i] = p.interval();
      minutes[i] = p.minutes();
      modality[i] = p.modality();
      centre[i] = p.centre();
      from[i] = p.from();
      to[i] = p.to();
      days[i] = String.join(",", p.days());
      prefFrom[i] = p.prefFrom();
      prefTo[i] = p.prefTo();
      county[i] = p.county();
    }
    Tuple args = Tuple.tuple(List.of(ids, beneficiaries, service, perWeek, every, minutes, modality, centre, from, to, days,
        prefFrom, prefTo, county, Topics.CARE_PLANS));
    return pool.withTransaction(tx -> tx.preparedQuery(WRITE).execute(args))
        .map(rows -> rows.iterator().next().getLong("created").intValue());
  }

  private Future<Set<String>> existing(List<Plan> plans) {
    UUID[] ids = plans.stream().map(Plan::beneficiary).distinct().toArray(UUID[]::new);
    return pool.preparedQuery(EXISTING).execute(Tuple.of((Object) ids)).map(rows -> {
      Set<String> out = new HashSet<>();
      for (Row r : rows) {
        out.add(r.getUUID("beneficiary_id") + "|" + r.getString("service") + "|" + r.getString("modality") + "|"
            + r.getLocalDate("valid_from"));
      }
      return out;
    });
  }

  private static Plan plan(Sheet.Line line, Columns c, Map<String, Person> people, Map<String, Long> centres,
      Caller caller, LocalDate today, List<RowError> errors) {
    BeneficiaryImport.RowReader r = new BeneficiaryImport.RowReader(line, c, errors);
    Person person = r.read("cnp", false, v -> {
      Cnp cnp = Cnp.parse(v.toString().replace(" ", ""), today);
      Person p = people.get("cnp:" + cnp.value());
      if (p == null) throw new InvalidValue("Nu există un beneficiar cu acest CNP.", "No beneficiary with this CNP.");
      return p;
    });
    Person byId = r.read("beneficiaryId", false, v -> {
      UUID id = Ids.uuidOrNull(v.toString().strip());
      if (id == null) throw new InvalidValue("Identificatorul nu este un UUID.", "The id is not a UUID.");
      Person p = people.get("id:" + id);
      if (p == null) throw new InvalidValue("Nu există un beneficiar cu acest identificator.", "No beneficiary with this id.");
      return p;
    });
    if (person != null && byId != null && !person.id().equals(byId.id())) {
      r.error("beneficiaryId", "CNP-ul și identificatorul sunt ale unor persoane diferite.", "The CNP and the id name different people.");
    }
    if (person == null) person = byId;
    if (person == null && !r.failed("cnp") && !r.failed("beneficiaryId")) {
      r.error(c.has("cnp") ? "cnp" : "beneficiaryId", "Lipsește CNP-ul beneficiarului.", "The beneficiary's CNP is missing.");
    }
    if (person != null && !caller.mayAccessCounty(person.county())) {
      r.error(c.has("cnp") ? "cnp" : "beneficiaryId", "Beneficiarul este în afara județelor dumneavoastră.",
          "The beneficiary is outside your counties.");
    }
    String service = r.read("service", true, Values::service);
    Integer perWeek = r.read("sessionsPerWeek", true, v -> Values.integer(v, 1, 14));
    Integer interval = r.read("intervalWeeks", false, v -> Values.integer(v, 1, 52));
    Integer minutes = r.read("minutes", true, Values::minutes);
    String modality = r.read("modality", true, Values::modality);
    Long centre = r.read("centre", false, v -> {
      Long found = centres.get(Text.key(v.toString()));
      if (found == null) throw new InvalidValue("Nu există un centru cu acest cod.", "No centre with this code.");
      return found;
    });
    LocalDate from = r.read("validFrom", true, Values::date);
    LocalDate to = r.read("validTo", false, Values::date);
    Values.Preference pref = r.read("preferred", false, Values::preference);
    if (from != null && to != null && to.isBefore(from)) {
      r.error("validTo", "Sfârșitul perioadei este înaintea începutului.", "The period ends before it starts.");
    }
    if ("telemedicine".equals(service) && modality != null && !modality.equals("remote")) {
      r.error("modality", "Telemedicina se face la distanță.", "Telemedicine is remote.");
    }
    if ("centre".equals(modality) && centre == null && !r.failed("centre")) {
      centre = person == null ? null : person.centre();
      if (centre == null) {
        r.error("centre", "O ședință la centru cere centrul (coloana „Centru”), iar beneficiarul nu are unul.",
            "A centre session needs the centre (column 'Centru'), and the beneficiary has none.");
      }
    }
    if (r.anyError()) return null;
    return new Plan(line.number(), person.id(), person.county(), service, perWeek, interval == null ? 1 : interval, minutes,
        modality, centre, from, to, pref == null ? List.of() : pref.days(), pref == null ? null : pref.from(),
        pref == null ? null : pref.to());
  }
}
