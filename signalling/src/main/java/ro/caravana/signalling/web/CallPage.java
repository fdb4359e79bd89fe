package ro.caravana.signalling.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The call page: {@code /consultatie/{id}} with the provider and the token in the URL fragment
 * (never sent to the server). It ships with the signalling because it speaks its protocol.
 */
public final class CallPage {

  private CallPage() {}

  public static void mount(Router router) {
    router.get("/consultatie/:id").handler(ctx -> ctx.reroute("/consultatie-static/consultatie.html"));
    router.get("/consultatie-static/*").handler(StaticHandler.create("webroot/consultatie")
        .setCachingEnabled(false)
        .setDefaultContentEncoding("UTF-8"));
  }
}
