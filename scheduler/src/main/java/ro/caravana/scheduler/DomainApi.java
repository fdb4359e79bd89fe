package ro.caravana.scheduler;

import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/** Mounts the domain's JSON API under /api. */
public final class DomainApi {

  private DomainApi() {}

  public static void mount(Router router, Pool pool) {
  }
}
