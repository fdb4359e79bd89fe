package ro.caravana.scheduler.imports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.beneficiary.PhoneNumbers;
import ro.caravana.scheduler.common.InvalidValue;
import ro.caravana.scheduler.geo.ServedCounties;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * Beneficiaries from a spreadsheet. Every row is read whole and every problem reported; a commit writes all
 * new rows in one transaction (one INSERT over column arrays, the events in the same statement) or nothing.
 * A row whose person is already on record (same CNP; without a CNP, same name, birth date and locality) is
 * skipped, so importing the same file twice creates nothing the second time.
 */
final class BeneficiaryImport {

  static final List<Columns.Field> FIELDS = List.of(
      new Columns.Field("lastName", "Nume", Set.of("nume", "numele", "numedefamilie", "lastname")),
      new Columns.Field("firstName", "Prenume", Set.of("prenume", "prenumele", "firstname")),
      new Columns.Field("cnp", "CNP", Set.of("cnp", "codnumericpersonal")),
      new Columns.Field("birthDate", "Data nașterii", Set.of("datanasterii", "datanastere", "nascutla", "birthdate")),
      new Columns.Field("sex", "Sex", Set.of("sex", "gen")),
      new Columns.Field("locality", "Localitate", Set.of("localitate", "localitatea", "sat", "satul", "siruta",
          "codsiruta", "locality")),
      new Columns.Field("unit", "Comuna/UAT", Set.of("comunauat", "comuna", "uat", "oras", "comunaoras", "unitateaadministrativteritoriala")),
      new Columns.Field("county", "Județ", Set.of("judet", "judetul", "county")),
      new Columns.Field("phone", "Telefon", Set.of("telefon", "nrtelefon", "numardetelefon", "telefonmobil", "mobil", "phone")),
      new Columns.Field("category", "Categorie", Set.of("categorie", "categoria", "category")),
      new Columns.Field("guardianName", "Reprezentant legal", Set.of("reprezentantlegal", "reprezentant", "tutore",
          "parinte", "parintetutore", "guardian")),
      new Columns.Field("smsConsent", "Acord SMS", Set.of("acordsms", "consimtamantsms", "smsconsent")),
      new Columns.Field("dataConsent", "Acord prelucrare date", Set.of("acordprelucraredate", "acordprelucrare",
          "acorddate", "acordgdpr", "consimtamantprelucraredate", "dataconsent")));

  static final Set<String> REQUIRED = Set.of("lastName", "firstName", "locality", "category");

  /** A row ready to be written. */
  record Person(int row, String lastName, String firstName, String cnp, LocalDate birthDate, String sex, int siruta,
      String county, String phone, String category, String guardian, boolean sms, boolean data) {

    String identity() {
      return cnp != null ? "cnp:" + cnp : "p:" + Text.fold(lastName) + "|" + Text.fold(firstName) + "|" + birthDate + "|" + siruta;
    }
  }

  record Checked(ImportReport report, List<Person> toWrite) {}

  private static final String EXISTING = """
      SELECT b.cnp, b.last_name, b.first_name, b.birth_date, b.locality_siruta FROM beneficiaries b
      WHERE b.cnp = ANY($1)
         OR (b.cnp IS NULL AND (lower(b.last_name), lower(b.first_name), b.birth_date, b.locality_siruta) IN
             (SELECT * FROM unnest($2::text[], $3::text[], $4::date[], $5::int[])))""";

  /** One statement: the new people and their events (ids and facts only, never names or CNPs). */
  private static final String WRITE = """
      WITH input AS (
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::int[],
          $8::text[], $9::text[], $10::text[], $11::boolean[], $12::boolean[])
          AS t(id, first_name, last_name, cnp, birth_date, sex, locality_siruta, category, guardian_name, phone, sms, data)),
      ins AS (
        INSERT INTO beneficiaries (id, first_name, last_name, cnp, birth_date, sex, locality_siruta, category, guardian_name,
          phone, sms_consent, sms_consent_date, data_consent, data_consent_date)
        SELECT id, first_name, last_name, cnp, birth_date, sex, locality_siruta, category, guardian_name, phone,
          sms, CASE WHEN sms THEN $13::date END, data, CASE WHEN data THEN $13::date END FROM input
        ON CONFLICT (cnp) DO NOTHING
        RETURNING id, locality_siruta, category),
      events AS (
        INSERT INTO outbox (topic, event_key, event_type, payload)
        SELECT $14, l.county, 'beneficiary.created', jsonb_build_object('id', ins.id, 'county', l.county,
          'localitySiruta', ins.locality_siruta, 'category', ins.category, 'source', 'import')
        FROM ins JOIN localities l ON l.siruta = ins.locality_siruta
        RETURNING 1)
      SELECT (SELECT count(*) FROM ins) AS created, (SELECT count(*) FROM events) AS events""";

  private final Pool pool;
  private final ServedCounties served;

  BeneficiaryImport(Pool pool, ServedCounties served) {
    this.pool = pool;
    this.served = served;
  }

  Future<Checked> check(Sheet sheet, Caller caller, LocalDate today, boolean dryRun) {
    Columns columns = Columns.of(sheet.headers(), FIELDS, REQUIRED);
    return LocalityResolver.load(pool).compose(places -> {
      List<RowError> errors = new ArrayList<>();
      List<Person> people = new ArrayList<>();
      Map<String, Integer> firstRow = new HashMap<>();
      for (Sheet.Line line : sheet.lines()) {
        int before = errors.size();
        Person p = person(line, columns, places, caller, today, errors);
        if (p == null || errors.size() > before) continue;
        Integer seen = firstRow.putIfAbsent(p.identity(), p.row());
        if (seen != null) {
          String field = p.cnp() != null ? "cnp" : "lastName";
          errors.add(new RowError(p.row(), field, columns.header(field), p.cnp() != null ? p.cnp() : p.lastName(),
              "Rând duplicat: aceeași persoană ca pe rândul " + seen + ".", "Duplicate row: the same person as row " + seen + "."));
          continue;
        }
        people.add(p);
      }
      return existing(people).map(onRecord -> {
        List<RowError> skipped = new ArrayList<>();
        List<Person> toWrite = new ArrayList<>();
        for (Person p : people) {
          if (onRecord.contains(p.identity())) {
            String field = p.cnp() != null ? "cnp" : "lastName";
            skipped.add(new RowError(p.row(), field, columns.header(field), p.cnp() != null ? p.cnp() : p.lastName(),
                "Persoana este deja înregistrată; rândul nu se importă din nou.",
                "The person is already on record; the row is not imported again."));
          } else {
            toWrite.add(p);
          }
        }
        errors.sort(java.util.Comparator.comparingInt(RowError::row));
        int valid = people.size();
        return new Checked(new ImportReport(sheet.lines().size(), valid, errors, skipped, null, dryRun), toWrite);
      });
    });
  }

  /** All or nothing: answers the number of people created (0 for a file imported before). */
  Future<Integer> write(List<Person> people, LocalDate today) {
    if (people.isEmpty()) return Future.succeededFuture(0);
    int n = people.size();
    UUID[] ids = new UUID[n];
    String[] first = new String[n], last = new String[n], cnp = new String[n], sex = new String[n], category = new String[n],
        guardian = new String[n], phone = new String[n];
    LocalDate[] birth = new LocalDate[n];
    Integer[] siruta = new Integer[n];
    Boolean[] sms = new Boolean[n], data = new Boolean[n];
    for (int i = 0; i < n; i++) {
      Person p = people.get(i);
      ids[i] = UUID.randomUUID();
      first[i] = p.firstName();
      last[i] = p.lastName();
      cnp[i] = p.cnp();
      birth[i] = p.birthDate();
      sex[i] = p.sex();
      siruta[i] = p.siruta();
      category[i] = p.category();
      guardian[i] = p.guardian();
      phone[i] = p.phone();
      sms[i] = p.sms();
      data[i] = p.data();
    }
    Tuple args = Tuple.tuple(List.of(ids, first, last, cnp, birth, sex, siruta, category, guardian, phone, sms, data, today,
        Topics.BENEFICIARIES));
    return pool.withTransaction(tx -> tx.preparedQuery(WRITE).execute(args))
        .map(rows -> rows.iterator().next().getLong("created").intValue());
  }

  private Future<Set<String>> existing(List<Person> people) {
    List<String> cnps = new ArrayList<>();
    List<String> last = new ArrayList<>(), first = new ArrayList<>();
    List<LocalDate> birth = new ArrayList<>();
    List<Integer> siruta = new ArrayList<>();
    for (Person p : people) {
      if (p.cnp() != null) {
        cnps.add(p.cnp());
      } else {
        last.add(p.lastName().toLowerCase(java.util.Locale.ROOT));
        first.add(p.firstName().toLowerCase(java.util.Locale.ROOT));
        birth.add(p.birthDate());
        siruta.add(p.siruta());
      }
    }
    return pool.preparedQuery(EXISTING).execute(Tuple.of(cnps.toArray(String[]::new), last.toArray(String[]::new),
            first.toArray(String[]::new), birth.toArray(LocalDate[]::new), siruta.toArray(Integer[]::new)))
        .map(rows -> {
          Set<String> out = new HashSet<>();
          for (Row r : rows) {
            String c = r.getString("cnp");
            if (c != null) out.add("cnp:" + c);
            else out.add("p:" + Text.fold(r.getString("last_name")) + "|" + Text.fold(r.getString("first_name")) + "|"
                + r.getLocalDate("birth_date") + "|" + r.getInteger("locality_siruta"));
          }
          return out;
        });
  }

  /** The row as a person, or null with its problems added to {@code errors}. */
  private Person person(Sheet.Line line, Columns c, LocalityResolver places, Caller caller, LocalDate today,
      List<RowError> errors) {
    RowReader r = new RowReader(line, c, errors);
    String last = r.text("lastName", true, 100);
    String first = r.text("firstName", true, 100);
    Cnp cnp = r.read("cnp", false, v -> Cnp.parse(v.toString().replace(" ", ""), today));
    LocalDate birth = r.read("birthDate", false, Values::date);
    String sex = r.read("sex", false, Values::sex);
    String county = r.read("county", false, places::county);
    Object unitCell = c.cell(line, "unit");
    LocalityResolver.Place place = r.read("locality", true, v -> places.resolve(v, unitCell, county));
    String phone = r.read("phone", false, v -> PhoneNumbers.toE164(v.toString()));
    String category = r.read("category", true, Values::category);
    String guardian = r.text("guardianName", false, 200);
    Boolean sms = r.read("smsConsent", false, Values::yesNo);
    Boolean data = r.read("dataConsent", false, Values::yesNo);

    if (cnp != null) {
      if (birth != null && !birth.equals(cnp.birthDate())) {
        r.error("cnp", "CNP-ul arată altă dată a nașterii (" + cnp.birthDate() + ") decât coloana datei nașterii.",
            "The CNP gives another birth date (" + cnp.birthDate() + ") than the birth date column.");
      }
      if (sex != null && cnp.sex() != '?' && sex.charAt(0) != cnp.sex()) {
        r.error("cnp", "CNP-ul arată alt sex decât coloana sexului.", "The CNP gives another sex than the sex column.");
      }
      if (birth == null) birth = cnp.birthDate();
      if (sex == null && cnp.sex() != '?') sex = String.valueOf(cnp.sex());
    }
    if (birth == null && !r.failed("birthDate") && !r.failed("cnp")) {
      r.error("birthDate", "Lipsește data nașterii (sau CNP-ul).", "The birth date (or the CNP) is missing.");
    } else if (birth != null && (birth.isAfter(today) || birth.isBefore(LocalDate.of(1900, 1, 1)))) {
      r.error("birthDate", "Data nașterii este între 01.01.1900 și azi.", "The birth date is between 1900-01-01 and today.");
    }
    if (sex == null && !r.failed("sex") && !r.failed("cnp")) {
      r.error("sex", "Lipsește sexul (sau CNP-ul).", "The sex (or the CNP) is missing.");
    }
    if (Boolean.TRUE.equals(sms)) {
      if (phone == null && !r.failed("phone")) {
        r.error("smsConsent", "Acordul pentru SMS cere un număr de telefon.", "SMS consent needs a phone number.");
      } else if (phone != null && !PhoneNumbers.isRomanianMobile(phone)) {
        r.error("phone", "Numărul este fix (nu primește SMS), dar acordul pentru SMS este dat.",
            "The number is a landline (it cannot receive SMS) but SMS consent is given.");
      }
    }
    if (place != null) {
      if (!caller.mayAccessCounty(place.county())) {
        r.error("locality", "Localitatea este în județul " + place.county() + ", în afara județelor dumneavoastră.",
            "The locality is in county " + place.county() + ", outside your counties.");
      } else if (!served.serves(place.county())) {
        r.error("locality", "Această instalare nu deservește județul " + place.county() + ".",
            "This installation does not serve county " + place.county() + ".");
      }
    }
    if (r.anyError()) return null;
    return new Person(line.number(), last, first, cnp == null ? null : cnp.value(), birth, sex, place.siruta(),
        place.county(), phone, category, guardian, Boolean.TRUE.equals(sms), Boolean.TRUE.equals(data));
  }

  /** Reads the cells of one row, keeping each problem with its row, column and value. */
  static final class RowReader {

    private final Sheet.Line line;
    private final Columns columns;
    private final List<RowError> errors;
    private final Set<String> failed = new HashSet<>();
    private final int before;

    RowReader(Sheet.Line line, Columns columns, List<RowError> errors) {
      this.line = line;
      this.columns = columns;
      this.errors = errors;
      this.before = errors.size();
    }

    interface Parser<T> {
      T parse(Object cell);
    }

    <T> T read(String field, boolean required, Parser<T> parser) {
      Object cell = columns.cell(line, field);
      if (cell == null) {
        if (required) error(field, "Câmpul „" + columns.header(field) + "” este obligatoriu.",
            "The field '" + columns.header(field) + "' is required.");
        return null;
      }
      try {
        return parser.parse(cell);
      } catch (InvalidValue e) {
        error(field, e.reasonRo(), e.reasonEn());
        return null;
      }
    }

    String text(String field, boolean required, int max) {
      return read(field, required, v -> {
        String s = v.toString().strip();
        if (s.length() > max) throw new InvalidValue("Cel mult " + max + " de caractere.", "At most " + max + " characters.");
        return s;
      });
    }

    void error(String field, String ro, String en) {
      failed.add(field);
      Object cell = columns.cell(line, field);
      errors.add(new RowError(line.number(), field, columns.header(field), cell == null ? null : cell.toString(), ro, en));
    }

    boolean failed(String field) {
      return failed.contains(field);
    }

    boolean anyError() {
      return errors.size() > before;
    }
  }
}
