package ro.caravana.scheduler.platform.ops;

import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counters and gauges written in the Prometheus text format at {@code GET /metrics}. */
public final class Metrics {

  private final Map<String, LongAdder> httpByStatus = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

  /** Requests received and not yet answered (or dropped), with when each arrived (ms since the epoch). */
  private final Map<RoutingContext, Long> inFlight = new ConcurrentHashMap<>();
  private final LongAdder received = new LongAdder();

  /** Counts every answered request by status class, and what is in flight meanwhile. */
  public void count(RoutingContext ctx) {
    received.increment();
    inFlight.put(ctx, System.currentTimeMillis());
    ctx.addEndHandler(v -> {
      inFlight.remove(ctx);
      // a connection closed before the answer was written: "closed", not the status it would have had
      String status = v.failed() && !ctx.response().ended() ? "closed" : String.valueOf(ctx.response().getStatusCode());
      httpByStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    });
    ctx.next();
  }

  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  public String render(Map<String, Long> extra) {
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP caravana_http_requests_total HTTP requests answered, by status (closed: the connection went first).\n");
    sb.append("# TYPE caravana_http_requests_total counter\n");
    httpByStatus.forEach((status, n) ->
        sb.append("caravana_http_requests_total{status=\"").append(status).append("\"} ").append(n.sum()).append('\n'));
    // received = answered (by status, "closed" when the client went away first) + in flight
    line(sb, "caravana_http_requests_received_total", "counter", received.sum());
    line(sb, "caravana_http_requests_in_flight", "gauge", inFlight.size());
    long now = System.currentTimeMillis();
    line(sb, "caravana_http_oldest_in_flight_ms", "gauge",
        inFlight.values().stream().mapToLong(t -> now - t).max().orElse(0));
    var memory = ManagementFactory.getMemoryMXBean();
    line(sb, "jvm_heap_used_bytes", "gauge", memory.getHeapMemoryUsage().getUsed());
    line(sb, "jvm_heap_max_bytes", "gauge", memory.getHeapMemoryUsage().getMax());
    line(sb, "jvm_threads_live", "gauge", ManagementFactory.getThreadMXBean().getThreadCount());
    gauges.forEach((name, value) -> line(sb, name, "gauge", value.getAsLong()));
    extra.forEach((name, value) -> line(sb, name, "gauge", value));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String name, String type, long value) {
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n')
        .append(name).append(' ').append(value).append('\n');
  }
}
