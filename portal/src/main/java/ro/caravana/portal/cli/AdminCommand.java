package ro.caravana.portal.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import ro.caravana.scheduler.access.Account;
import ro.caravana.scheduler.access.Accounts;
import ro.caravana.scheduler.access.Audit;
import ro.caravana.scheduler.access.NewAccount;
import ro.caravana.scheduler.access.PasswordHasher;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.Migrations;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * {@code caravana admin create-user --email E --role R --password-stdin [--name N] [--county C]... [--centre ID]
 * [--staff ID]}: creates an account in the database {@code serve} uses (settings {@code db.*}), migrating it
 * first, so the first administrator can be made before the first start. The password is read from standard
 * input (never from the command line, where other users of the machine could see it) and must pass the
 * password policy. The creation is written to the audit log.
 */
public final class AdminCommand {

  private AdminCommand() {}

  private static final String USAGE = """
      usage: caravana admin create-user --email E --role ROLE --password-stdin [--name NAME]
                                        [--county CODE]... [--centre ID] [--staff ID]
        ROLE: admin, county_coordinator, centre_coordinator, doctor, therapist, nurse, supervisor
        The password (at least 12 characters, not a common one) is read from standard input:
          printf '%s' "$PASSWORD" | ./caravana admin create-user --email admin@dgaspc.ro --role admin --password-stdin
        Uses the database of 'serve' (CARAVANA_DB_URL, CARAVANA_DB_USER, CARAVANA_DB_PASSWORD).""";

  public static int run(String[] args) {
    return run(args, System.in, System.out, System.err, AppConfig.load(System.getenv()));
  }

  public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, AppConfig config) {
    if (args.length == 0 || !args[0].equals("create-user")) return usage(err, args.length == 0 ? "missing sub-command" : "unknown sub-command " + args[0]);
    String email = null;
    String name = null;
    String roleName = null;
    boolean passwordStdin = false;
    List<String> counties = new ArrayList<>();
    Long centre = null;
    Long staff = null;
    try {
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case "--email" -> email = args[++i];
          case "--name" -> name = args[++i];
          case "--role" -> roleName = args[++i];
          case "--county" -> {
            for (String c : args[++i].split(",")) if (!c.isBlank()) counties.add(c.strip().toUpperCase(Locale.ROOT));
          }
          case "--centre" -> centre = id(args[++i], "--centre");
          case "--staff" -> staff = id(args[++i], "--staff");
          case "--password-stdin" -> passwordStdin = true;
          default -> {
            return usage(err, "unknown argument " + args[i]);
          }
        }
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      return usage(err, "a value is missing after " + args[args.length - 1]);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (email == null) return usage(err, "--email is required");
    if (roleName == null) return usage(err, "--role is required");
    if (!passwordStdin) return usage(err, "--password-stdin is required: the password is read from standard input");
    Role role = Role.parse(roleName.strip().toLowerCase(Locale.ROOT)).orElse(null);
    if (role == null) return usage(err, "unknown role " + roleName);
    if (config.optional("db.url").isEmpty()) {
      err.println("admin needs the database of 'serve': set CARAVANA_DB_URL, CARAVANA_DB_USER and CARAVANA_DB_PASSWORD.");
      return 2;
    }
    String password;
    try {
      password = readPassword(stdin);
    } catch (IOException e) {
      err.println("cannot read the password from standard input: " + e.getMessage());
      return 2;
    }
    DatabaseSettings db = new DatabaseSettings(config.string("db.url"), config.string("db.user"),
        config.string("db.password"), 2);
    try {
      Migrations.run(db.jdbcUrl(), db.user(), db.password());
    } catch (RuntimeException e) {
      err.println("cannot reach or migrate the database: " + e.getMessage());
      return 1;
    }
    Vertx vertx = Vertx.vertx();
    Pool pool = db.pool(vertx);
    NewAccount account = new NewAccount(email, name, role, counties, centre, staff);
    PasswordHasher hasher = new PasswordHasher(config.integer("auth.argon2-memory-kb"),
        config.integer("auth.argon2-iterations"), 1);
    String pw = password;
    try {
      Account created = account.check(pool, pw)
          .compose(v -> vertx.executeBlocking(() -> hasher.hash(pw), false))
          .compose(hash -> pool.withTransaction(tx -> new Accounts(tx).create(account.email(), account.displayName(),
                  account.role(), account.counties(), account.centreId(), account.staffId(), hash)
              .compose(a -> Audit.record(tx, null, "account.create", null, "CLI", "admin create-user " + a.id(), 201,
                  null).map(a))))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      out.println("account " + created.id() + " created: " + created.email() + " (" + created.role().wire()
          + (created.counties().isEmpty() ? "" : ", " + String.join(",", created.counties())) + ")");
      return 0;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiError error) {
        for (ApiError each : error.errors().isEmpty() ? List.of(error) : error.errors()) {
          err.println(each.field() + ": " + each.reasonEn() + " / " + each.reasonRo());
        }
        return 1;
      }
      err.println("account not created: " + cause);
      return 1;
    } catch (Exception e) {
      err.println("account not created: " + e);
      return 1;
    } finally {
      close(pool.close());
      close(vertx.close());
    }
  }

  /** Standard input up to its end, without the final line break that {@code echo} adds. */
  static String readPassword(InputStream stdin) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    stdin.transferTo(buffer);
    String s = buffer.toString(StandardCharsets.UTF_8);
    if (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
    if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
    return s;
  }

  private static Long id(String value, String option) {
    long id = Ids.numberOrNegative(value);
    if (id < 0) throw new IllegalArgumentException(option + " takes a numeric id");
    return id;
  }

  private static void close(Future<Void> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // leaving anyway
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("caravana admin: " + problem);
    err.println(USAGE);
    return 2;
  }
}
