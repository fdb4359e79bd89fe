package ro.caravana.scheduler.common;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/** Runs CPU- or file-bound work off the event loop when called from a Vert.x context. */
public final class Blocking {

  private Blocking() {}

  public static <T> Future<T> run(Callable<T> work) {
    Context context = Vertx.currentContext();
    if (context != null) return context.executeBlocking(work, false);
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }
}
