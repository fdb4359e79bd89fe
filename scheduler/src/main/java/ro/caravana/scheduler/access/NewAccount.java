package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * An account to be created (first administrator from the command line, an invitation from the accounts API):
 * the checks every new account passes, each problem named with its field.
 */
public record NewAccount(String email, String displayName, Role role, List<String> counties, Long centreId,
    Long staffId) {

  public NewAccount {
    email = Accounts.normaliseEmail(email);
    counties = counties == null ? List.of() : List.copyOf(counties);
    if (displayName == null || displayName.isBlank()) displayName = email;
  }

  private static final String CHECK = """
      SELECT (SELECT array_agg(c) FROM unnest($1::text[]) c WHERE c NOT IN (SELECT code FROM counties)) AS unknown_counties,
             (SELECT l.county FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta WHERE c.id = $2)
               AS centre_county,
             (SELECT county FROM staff WHERE id = $3) AS staff_county,
             (SELECT count(*) FROM accounts WHERE email = $4) AS same_email""";

  /** Rules that need no database: e-mail form, scope matching the role. */
  void checkShape(Violations v) {
    if (!email.matches("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+") || email.length() > 254) {
      v.add("email", "Adresa de e-mail nu este validă.", "The e-mail address is not valid.");
    }
    if (role == null) {
      v.add(ApiError.badRequest("role", "Rolul este obligatoriu (admin, county_coordinator, centre_coordinator, doctor, "
          + "therapist, nurse, supervisor).", "The role is required (admin, county_coordinator, centre_coordinator, "
          + "doctor, therapist, nurse, supervisor)."));
      return;
    }
    if (role != Role.ADMIN && role != Role.SUPERVISOR && counties.isEmpty()) {
      v.add("counties", "Rolul „" + role.wire() + "” are nevoie de cel puțin un județ.",
          "The role '" + role.wire() + "' needs at least one county.");
    }
    if (role == Role.CENTRE_COORDINATOR && centreId == null) {
      v.add("centreId", "Coordonatorul de centru are nevoie de centrul său.", "A centre coordinator needs a centre.");
    }
    if (role.isClinician() && staffId == null) {
      v.add("staffId", "Personalul medical are nevoie de fișa de personal (staffId) ca să-și vadă programul.",
          "Clinicians need their staff record (staffId) to see their day.");
    }
    for (String c : counties) {
      if (c == null || !c.matches("[A-Z]{1,2}")) v.add("counties", "Cod de județ nevalid: " + c + ".", "Not a county code: " + c + ".");
    }
  }

  /** Every rule, database facts included; fails with all problems at once. */
  public Future<Void> check(SqlClient db, String password) {
    return check(db, password, true);
  }

  /** The rules of a change to an existing account (its e-mail stays, so it is not checked as taken). */
  public Future<Void> checkChange(SqlClient db) {
    return check(db, null, false);
  }

  private Future<Void> check(SqlClient db, String password, boolean newEmail) {
    Violations v = new Violations();
    checkShape(v);
    if (password != null) {
      PasswordPolicy.standard().check(password).ifPresent(r -> v.add("password", r.ro(), r.en()));
    }
    return db.preparedQuery(CHECK)
        .execute(Tuple.of(counties.toArray(String[]::new), centreId, staffId, email))
        .map(rows -> {
          var r = rows.iterator().next();
          String[] unknown = r.getArrayOfStrings("unknown_counties");
          if (unknown != null && unknown.length > 0) {
            v.add("counties", "Județ necunoscut: " + String.join(", ", unknown) + ".",
                "Unknown county: " + String.join(", ", unknown) + ".");
          }
          String centreCounty = r.getString("centre_county");
          if (centreId != null && centreCounty == null) {
            v.add("centreId", "Nu există un centru cu acest identificator.", "No centre with this id.");
          } else if (centreCounty != null && !counties.isEmpty() && !counties.contains(centreCounty)) {
            v.add("centreId", "Centrul este în alt județ (" + centreCounty + ").", "The centre is in another county (" + centreCounty + ").");
          }
          String staffCounty = r.getString("staff_county");
          if (staffId != null && staffCounty == null) {
            v.add("staffId", "Nu există un membru al personalului cu acest identificator.", "No staff member with this id.");
          } else if (staffCounty != null && !counties.isEmpty() && !counties.contains(staffCounty)) {
            v.add("staffId", "Membrul personalului este în alt județ (" + staffCounty + ").",
                "The staff member is in another county (" + staffCounty + ").");
          }
          if (newEmail && r.getLong("same_email") > 0) {
            v.add(ApiError.conflict("email", "Există deja un cont cu această adresă de e-mail.",
                "An account with this e-mail address already exists."));
          }
          v.check();
          return null;
        });
  }
}
