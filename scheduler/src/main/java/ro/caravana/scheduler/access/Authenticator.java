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
 * each failure in a row; at the threshold the account locks for a while.
 */
public final class Authenticator {

  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  private final Vertx vertx;
  private final Accounts accounts;
  private final PasswordHasher hasher;
  private final AccessSettings settings;
  private final String decoyHash;

  public Authenticator(Vertx vertx, Accounts accounts, PasswordHasher hasher, AccessSettings settings) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.hasher = hasher;
    this.settings = settings;
    this.decoyHash = hasher.hash(Sessions.randomToken());
  }

  public static ApiError refused() {
    return ApiError.unauthorized("E-mail sau parolă greșită, ori cont blocat temporar.",
        "Wrong e-mail or password, or the account is temporarily locked.");
  }

  public Future<Account> login(String email, String password) {
    if (email == null || password == null || email.isBlank() || password.isEmpty() || password.length() > 1024) {
      return Future.failedFuture(refused());
    }
    return accounts.byEmail(email).compose(found -> {
      Optional<Account> account = found.filter(a -> !a.disabled() && !a.locked());
      String hash = account.map(Account::passwordHash).orElse(decoyHash);
      return vertx.executeBlocking(() -> hasher.verify(password, hash), false).compose(ok -> {
        if (account.isPresent() && ok) {
          return accounts.succeeded(account.get().id()).map(v -> account.get());
        }
        Future<Integer> failures = account.isPresent()
            ? accounts.failed(account.get().id(), settings.lockoutThreshold(), settings.lockoutMinutes())
            : Future.succeededFuture(found.isPresent() ? settings.lockoutThreshold() : 1);
        return failures.compose(n -> {
          if (account.isPresent() && n >= settings.lockoutThreshold()) {
            LOG.warn("account {} locked for {} min after {} failed logins", account.get().id(),
                settings.lockoutMinutes(), settings.lockoutThreshold());
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
