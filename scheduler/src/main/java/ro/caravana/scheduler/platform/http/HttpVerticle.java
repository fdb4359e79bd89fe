package ro.caravana.scheduler.platform.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/** Serves a router; a failed bind fails the deployment. */
public final class HttpVerticle extends VerticleBase {

  private final Router router;
  private final String host;
  private final int port;
  private HttpServer server;

  public HttpVerticle(Router router, String host, int port) {
    this.router = router;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
