package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Checks an e-mail and password. Every refusal looks the same (unknown e-mail, wrong password, locked
 * or disabled account), costs the same hashing work, and is answered after a delay that doubles with
 * each failure in a row of this e-mail from this client address; at the threshold that pair locks for
 * a while. The count does not depend on whether the e-mail has an account, so answer times do not tell
 * which e-mails exist, and failures from elsewhere cannot lock a real user out.
 */
public final class Authenticator {

  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  private final Vertx vertx;
  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final AccessSettings settings;
  /** Verified against when the e-mail is unknown, so both cases cost the same; hashed on a worker at start. */
  private final Future<String> decoyHash;
  private final LoginFailures failures;

  Authenticator(Vertx vertx, Accounts accounts, LoginFailures failures, PasswordHasher hasher, AccessSettings settings) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.failures = failures;
    this.hasher = hasher;
    this.settings = settings;
    this.decoyHash = vertx.executeBlocking(() -> hasher.hash(Sessions.randomToken()), false);
  }

  public static ApiError refused() {
    return ApiError.unauthorized("E-mail sau parolă greșită, ori cont blocat temporar.",
        "Wrong e-mail or password, or the account is temporarily locked.");
  }

  /** {@code client}: the client address the attempt came from (the lockout is per e-mail and address). */
  public Future<Account> login(String email, String password, String client) {
    if (email == null || password == null || email.isBlank() || password.isEmpty() || password.length() > 1024) {
      return Future.failedFuture(refused());
    }
    String key = email.strip().toLowerCase(java.util.Locale.ROOT);
    String from = client == null ? "" : client;
    return Future.all(accounts.byEmail(email), failures.locked(key, from), decoyHash).compose(both -> {
      Optional<Account> found = both.resultAt(0);
      boolean locked = both.<Boolean>resultAt(1);
      Optional<Account> account = found.filter(a -> !a.disabled() && !locked);
      String hash = account.map(Account::passwordHash).orElse(both.<String>resultAt(2));
      return vertx.executeBlocking(() -> hasher.verify(password, hash), false).compose(ok -> {
        if (account.isPresent() && ok) {
          return failures.succeeded(key, from).compose(v -> accounts.succeeded(account.get().id())).map(v -> account.get());
        }
        return failures.failed(key, from, settings.lockoutThreshold(), settings.lockoutMinutes()).compose(n -> {
          if (!locked && n >= settings.lockoutThreshold()) {
            LOG.warn("sign-in locked for {} min after {} failed attempts from one address", settings.lockoutMinutes(),
                settings.lockoutThreshold());
          }
          return delay(backoffMs(n)).compose(v -> Future.failedFuture(refused()));
        });
      });
    });
  }

  long backoffMs(int failures) {
    long ms = (long) settings.backoffBaseMs() << Math.min(20, Math.max(0, failures - 1));
    return Math.min(ms, settings.backoffMaxMs());
  }

  private Future<Void> delay(long ms) {
    if (ms <= 0) return Future.succeededFuture();
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }
}
