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

  /** Counts every answered request by status class. */
  public void count(RoutingContext ctx) {
    ctx.addEndHandler(v -> httpByStatus
        .computeIfAbsent(String.valueOf(ctx.response().getStatusCode()), k -> new LongAdder()).increment());
    ctx.next();
  }

  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  public String render(Map<String, Long> extra) {
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP caravana_http_requests_total HTTP requests answered, by status.\n");
    sb.append("# TYPE caravana_http_requests_total counter\n");
    httpByStatus.forEach((status, n) ->
        sb.append("caravana_http_requests_total{status=\"").append(status).append("\"} ").append(n.sum()).append('\n'));
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
