package ro.caravana.scheduler.notice.text;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ro.caravana.scheduler.notice.NoticeKind;

/**
 * The SMS texts: Handlebars templates under {@code sms/<language>/<kind>.hbs} (Romanian by
 * default, English), compiled once. Nothing is HTML-escaped: the output is an SMS, not a page.
 */
public final class NoticeTemplates {

  public static final Set<String> LANGUAGES = Set.of("ro", "en");

  private static final Map<String, Map<String, String>> SERVICES = Map.of(
      "ro", Map.of("kinetotherapy", "kinetoterapie", "speech_therapy", "logopedie", "counselling", "consiliere",
          "support_group", "grup de sprijin", "parental_education", "educație parentală",
          "medical_consultation", "consultație medicală", "telemedicine", "consultație video"),
      "en", Map.of("kinetotherapy", "physiotherapy", "speech_therapy", "speech therapy", "counselling", "counselling",
          "support_group", "support group", "parental_education", "parenting class",
          "medical_consultation", "medical check-up", "telemedicine", "video consultation"));

  /** Why an appointment was called off, as the family reads it; classes without a phrase say nothing. */
  private static final Map<String, Map<String, String>> REASONS = Map.of(
      "ro", Map.of("staff_ill", "personalul este bolnav", "caravan_broken", "caravana s-a defectat",
          "centre_closed", "centrul este închis"),
      "en", Map.of("staff_ill", "staff illness", "caravan_broken", "the caravan broke down",
          "centre_closed", "the centre is closed"));

  private final Handlebars handlebars;
  private final ZoneId zone;
  private final String defaultLanguage;
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();

  public NoticeTemplates(ZoneId zone, String defaultLanguage) {
    // the cache matters: without it every partial ({{> ro/place}}) is read and parsed on each message
    this.handlebars = new Handlebars(new ClassPathTemplateLoader("/sms", ".hbs"))
        .with(EscapingStrategy.NOOP)
        .with(new ConcurrentMapTemplateCache());
    this.zone = zone;
    this.defaultLanguage = LANGUAGES.contains(defaultLanguage) ? defaultLanguage : "ro";
  }

  /** The language a message is written in: the person's own when there are templates for it, else the default. */
  public String language(String preferred) {
    return preferred != null && LANGUAGES.contains(preferred) ? preferred : defaultLanguage;
  }

  /** The service as the family reads it ("kinetoterapie"). */
  public String service(String language, String code) {
    return SERVICES.get(language(language)).getOrDefault(code, code);
  }

  public ZoneId zone() {
    return zone;
  }

  /** The text of a message, before transliteration. */
  public String render(NoticeKind kind, String preferredLanguage, MessageFacts facts) {
    String language = language(preferredLanguage);
    Map<String, Object> model = new HashMap<>();
    model.put("name", facts.name());
    model.put("service", SERVICES.get(language).getOrDefault(facts.service(), facts.service()));
    model.put("when", SmsDates.full(facts.startsAt(), zone, language));
    if (facts.previousStartsAt() != null) model.put("old", SmsDates.brief(facts.previousStartsAt(), zone, language));
    model.put("address", facts.address());
    model.put("stop", facts.stop());
    model.put("link", facts.link());
    if (facts.reason() != null) {
      model.put("reason", REASONS.get(language).get(facts.reason()));
      model.put("byFamily", "family_declined".equals(facts.reason()));
    }
    try {
      return template(language + "/" + kind.code()).apply(model).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Template template(String name) {
    return compiled.computeIfAbsent(name, n -> {
      try {
        return handlebars.compile(n);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot compile SMS template " + n, e);
      }
    });
  }
}
