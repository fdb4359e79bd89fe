package ro.caravana.signalling.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.rtc.SignallingEndpoint;

/**
 * The server side of the signalling benchmark, in its own JVM so its heap and CPU can be measured
 * alone: the real endpoint on /ws/consultations/{id}, a naive relay (pairs two sockets by path and
 * forwards text, no tokens, rooms or limits) on /naive/{id} as the baseline, and /bench/stats.
 * Stops when its parent closes stdin, or after ten minutes at the latest.
 */
public final class BenchServer {

  public static void main(String[] args) throws Exception {
    String secret = args[0];
    Vertx vertx = Vertx.vertx();
    SignallingConfig config = SignallingConfig.from(Map.ofEntries(
        Map.entry("telemedicine.token-secret", secret),
        Map.entry("telemedicine.attendance-minutes", "60"),
        Map.entry("telemedicine.noshow-grace-minutes", "15"),
        Map.entry("telemedicine.candidate-filter", "all"),
        Map.entry("telemedicine.max-message-bytes", "65536"),
        Map.entry("telemedicine.messages-per-second", "50"),
        Map.entry("telemedicine.message-burst", "200"),
        Map.entry("telemedicine.heartbeat-seconds", "10"),
        Map.entry("telemedicine.dead-after-seconds", "30"),
        Map.entry("telemedicine.max-rooms", "100000"))::get);
    AtomicLong events = new AtomicLong();
    SignallingEndpoint endpoint = new SignallingEndpoint(vertx, config, e -> events.incrementAndGet());
    Router router = Router.router(vertx);
    endpoint.mount(router);
    Map<String, ServerWebSocket> naiveWaiting = new ConcurrentHashMap<>();
    AtomicLong naiveSockets = new AtomicLong();
    router.get("/naive/:id").handler(ctx -> {
      String id = ctx.pathParam("id");
      ctx.request().toWebSocket().onSuccess(ws -> {
        naiveSockets.incrementAndGet();
        ws.closeHandler(v -> naiveSockets.decrementAndGet());
        ServerWebSocket other = naiveWaiting.remove(id);
        if (other == null) {
          naiveWaiting.put(id, ws);
          return;
        }
        ws.textMessageHandler(other::writeTextMessage);
        other.textMessageHandler(ws::writeTextMessage);
        ws.writeTextMessage("{\"type\":\"start\"}");
        other.writeTextMessage("{\"type\":\"start\"}");
      });
    });
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    router.get("/bench/stats").handler(ctx -> vertx.executeBlocking(() -> {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
      Runtime rt = Runtime.getRuntime();
      return new JsonObject()
          .put("heapUsed", rt.totalMemory() - rt.freeMemory())
          .put("cpuNanos", os.getProcessCpuTime())
          .put("rooms", endpoint.rooms())
          .put("sockets", endpoint.sockets())
          .put("naiveSockets", naiveSockets.get())
          .put("presenceEvents", events.get());
    }).onSuccess(j -> ctx.json(j)).onFailure(ctx::fail));
    router.get("/bench/cpu").handler(ctx -> ctx.json(new JsonObject().put("cpuNanos", os.getProcessCpuTime())));
    int port = vertx.createHttpServer(new HttpServerOptions().setAcceptBacklog(4096)).requestHandler(router)
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
    System.out.println("PORT " + port);
    System.out.flush();
    vertx.setTimer(600_000, id -> System.exit(0));
    while (System.in.read() >= 0) {
      // the parent keeps stdin open while it runs
    }
    System.exit(0);
  }
}
