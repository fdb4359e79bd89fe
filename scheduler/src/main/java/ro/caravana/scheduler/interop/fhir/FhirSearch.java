package ro.caravana.scheduler.interop.fhir;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Reading FHIR search parameters (prefixed dates, {@code _count}, {@code _offset}) and writing the
 * {@code searchset} Bundle with its paging links. Unknown parameters are refused (400) rather than
 * ignored, so a client never mistakes an unfiltered answer for a filtered one.
 */
final class FhirSearch {

  static final int DEFAULT_COUNT = 50;
  static final int MAX_COUNT = 200;
  /** Parameters every search takes. */
  static final Set<String> COMMON = Set.of("_count", "_offset", "_format");

  private static final Pattern DATE = Pattern.compile("(eq|ge|gt|le|lt)?([0-9]{4}(-[0-9]{2}(-[0-9]{2}(T.*)?)?)?)");

  /** Which page: at most {@code count} matches after skipping {@code offset}. */
  record Paging(int count, int offset) {}

  /** A half-open interval of instants; a null end is open. */
  record Range(OffsetDateTime from, OffsetDateTime to) {
    static final Range ANY = new Range(null, null);

    Range and(Range other) {
      OffsetDateTime f = from == null ? other.from : other.from == null || from.isAfter(other.from) ? from : other.from;
      OffsetDateTime t = to == null ? other.to : other.to == null || to.isBefore(other.to) ? to : other.to;
      return new Range(f, t);
    }
  }

  private FhirSearch() {}

  static void onlyKnown(RoutingContext ctx, Set<String> known) {
    for (String name : ctx.queryParams().names()) {
      if (!known.contains(name) && !COMMON.contains(name)) {
        throw ApiError.badRequest(name, "Parametrul de căutare „" + name + "” nu este suportat.",
            "The search parameter '" + name + "' is not supported.");
      }
    }
    String format = one(ctx, "_format");
    if (format != null && !format.equals("json") && !format.equals(FhirServer.CONTENT_TYPE)
        && !format.equals("application/json")) {
      throw new ApiError(406, "_format", "Sunt servite doar resurse JSON.", "Only JSON resources are served.");
    }
  }

  /** The single value of a parameter (null when absent); given twice is 400. */
  static String one(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) return null;
    if (values.size() > 1) {
      throw ApiError.badRequest(name, "Parametrul „" + name + "” poate apărea o singură dată.",
          "Parameter '" + name + "' may be given only once.");
    }
    String v = values.get(0).trim();
    if (v.isEmpty()) throw ApiError.badRequest(name, "Parametrul „" + name + "” este gol.", "Parameter '" + name + "' is empty.");
    return v;
  }

  static Paging paging(RoutingContext ctx) {
    return new Paging(bounded(ctx, "_count", DEFAULT_COUNT, 1, MAX_COUNT), bounded(ctx, "_offset", 0, 0, 1_000_000));
  }

  private static int bounded(RoutingContext ctx, String name, int fallback, int min, int max) {
    String v = one(ctx, name);
    if (v == null) return fallback;
    if (!v.matches("[0-9]{1,7}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
      throw ApiError.badRequest(name, "„" + name + "” trebuie să fie un număr întreg între " + min + " și " + max + ".",
          "'" + name + "' must be a whole number between " + min + " and " + max + ".");
    }
    return Integer.parseInt(v);
  }

  /**
   * Every value of a date parameter, intersected: {@code ge2026-12-07} from that day's start in the zone,
   * {@code le2026-12-13} to the end of that day, {@code gt} and {@code lt} past the value's precision,
   * {@code eq} (or no prefix) the value's whole day, month, year or second.
   */
  static Range dates(RoutingContext ctx, String name, ZoneId zone) {
    Range range = Range.ANY;
    for (String raw : ctx.queryParam(name)) {
      Matcher m = DATE.matcher(raw.trim());
      if (!m.matches()) throw badDate(name, raw);
      Range value = interval(m.group(2), zone, name, raw);
      String prefix = m.group(1) == null ? "eq" : m.group(1);
      range = range.and(switch (prefix) {
        case "ge" -> new Range(value.from(), null);
        case "gt" -> new Range(value.to(), null);
        case "le" -> new Range(null, value.to());
        case "lt" -> new Range(null, value.from());
        default -> value;
      });
    }
    return range;
  }

  private static Range interval(String v, ZoneId zone, String name, String raw) {
    try {
      if (v.length() == 4) {
        LocalDate d = LocalDate.of(Integer.parseInt(v), 1, 1);
        return new Range(start(d, zone), start(d.plusYears(1), zone));
      }
      if (v.length() == 7) {
        YearMonth ym = YearMonth.parse(v);
        return new Range(start(ym.atDay(1), zone), start(ym.plusMonths(1).atDay(1), zone));
      }
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return new Range(start(d, zone), start(d.plusDays(1), zone));
      }
      OffsetDateTime t;
      try {
        t = OffsetDateTime.parse(v);
      } catch (DateTimeParseException e) {
        t = LocalDateTime.parse(v).atZone(zone).toOffsetDateTime();
      }
      return new Range(t, t.plusSeconds(1));
    } catch (java.time.DateTimeException | NumberFormatException e) {
      throw badDate(name, raw);
    }
  }

  private static OffsetDateTime start(LocalDate d, ZoneId zone) {
    return d.atStartOfDay(zone).toOffsetDateTime();
  }

  private static ApiError badDate(String name, String raw) {
    return ApiError.badRequest(name, "„" + name + "” are forma [ge|le|gt|lt|eq]AAAA-LL-ZZ (sau dată și oră): " + raw,
        "'" + name + "' takes [ge|le|gt|lt|eq]YYYY-MM-DD (or a date-time): " + raw);
  }

  /** A searchset Bundle: the page's matches, the included resources, the total and the paging links. */
  static Bundle searchset(RoutingContext ctx, String base, String type, List<? extends Resource> matches,
      List<? extends Resource> included, long total, Paging paging) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal((int) Math.min(total, Integer.MAX_VALUE));
    bundle.addLink().setRelation("self").setUrl(pageUrl(ctx, base, type, paging.offset()));
    if (paging.offset() + matches.size() < total) {
      bundle.addLink().setRelation("next").setUrl(pageUrl(ctx, base, type, paging.offset() + paging.count()));
    }
    if (paging.offset() > 0) {
      bundle.addLink().setRelation("previous").setUrl(pageUrl(ctx, base, type, Math.max(0, paging.offset() - paging.count())));
    }
    for (Resource r : matches) {
      bundle.addEntry().setFullUrl(base + "/" + r.getIdElement().toUnqualifiedVersionless().getValue()).setResource(r)
          .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    }
    for (Resource r : included) {
      bundle.addEntry().setFullUrl(base + "/" + r.getIdElement().toUnqualifiedVersionless().getValue()).setResource(r)
          .getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
    }
    return bundle;
  }

  /** The request's own search with another {@code _offset}. */
  private static String pageUrl(RoutingContext ctx, String base, String type, int offset) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : ctx.queryParams().entries()) {
      if (e.getKey().equals("_offset")) continue;
      parts.add(encode(e.getKey()) + "=" + encode(e.getValue()));
    }
    if (offset > 0) parts.add("_offset=" + offset);
    return base + "/" + type + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
