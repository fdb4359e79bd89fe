package ro.caravana.portal.page;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import ro.caravana.optimizer.routing.score.RoutingConstraintWords;
import ro.caravana.optimizer.text.ConstraintWords;
import ro.caravana.optimizer.text.Label;
import ro.caravana.optimizer.timetable.TimetableConstraintWords;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.attendance.FieldMark;
import ro.caravana.scheduler.common.Words;
import ro.caravana.scheduler.notice.NoticeKind;
import ro.caravana.scheduler.notice.NoticeStatus;
import ro.caravana.scheduler.notice.reply.ReplyIntent;
import ro.caravana.scheduler.planning.PlanStatus;

/**
 * Every closed list the pages show, by the name templates use: {@code {{label "service" code}}}. The labels
 * themselves live beside their lists ({@link Words}, the enums' {@code label()}, the constraint words); this only
 * gathers them. An unknown code renders as a neutral word, never as the code.
 */
public final class Labels {

  private static final Map<String, Map<String, Label>> LISTS = new LinkedHashMap<>();

  static {
    LISTS.putAll(Words.LISTS);
    LISTS.put("role", byCode(Role.values(), Role::wire, Role::label));
    LISTS.put("noticeStatus", byCode(NoticeStatus.values(), NoticeStatus::code, NoticeStatus::label));
    LISTS.put("noticeKind", byCode(NoticeKind.values(), NoticeKind::code, NoticeKind::label));
    LISTS.put("reply", byCode(ReplyIntent.values(), r -> r.name().toLowerCase(java.util.Locale.ROOT), ReplyIntent::label));
    LISTS.put("planStatus", PlanStatus.LABELS);
    LISTS.put("constraint", constraintNames());
    LISTS.put("fieldMark", byCode(FieldMark.Kind.values(), FieldMark.Kind::wire, FieldMark.Kind::label));
  }

  private static final Label UNKNOWN = new Label("necunoscut", "unknown");

  private Labels() {}

  /** The list names and their values, for the test that renders every one. */
  public static Map<String, Map<String, Label>> lists() {
    return LISTS;
  }

  public static Optional<Label> find(String list, String code) {
    Map<String, Label> labels = LISTS.get(list);
    return labels == null || code == null ? Optional.empty() : Optional.ofNullable(labels.get(code));
  }

  public static String text(String list, String code, Lang lang) {
    return find(list, code).orElse(UNKNOWN).in(lang.code());
  }

  /**
   * A code as it appears in the pages' own addresses and form values: its Romanian words without diacritics
   * ({@code kinetoterapie}, {@code educatie-parentala}), so no code identifier reaches a page.
   */
  public static String slug(String list, String code) {
    String words = find(list, code).map(Label::ro).orElse(code == null ? "" : code);
    String plain = java.text.Normalizer.normalize(words.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
    return plain.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  /** The code whose {@link #slug} is {@code slug}, when there is one. */
  public static Optional<String> fromSlug(String list, String slug) {
    Map<String, Label> labels = LISTS.get(list);
    if (labels == null || slug == null) return Optional.empty();
    return labels.keySet().stream().filter(code -> slug(list, code).equals(slug)).findFirst();
  }

  /** The name and explanation of a constraint of either planning model. */
  public static Optional<ConstraintWords> constraint(String id) {
    return TimetableConstraintWords.forConstraint(id).or(() -> RoutingConstraintWords.forConstraint(id));
  }

  private static Map<String, Label> constraintNames() {
    Map<String, Label> all = new LinkedHashMap<>();
    TimetableConstraintWords.ALL.forEach((id, w) -> all.put(id, w.name()));
    RoutingConstraintWords.ALL.forEach((id, w) -> all.put(id, w.name()));
    return all;
  }

  private static <E> Map<String, Label> byCode(E[] values, Function<E, String> code, Function<E, Label> label) {
    Map<String, Label> m = new LinkedHashMap<>();
    Arrays.stream(values).forEach(v -> m.put(code.apply(v), label.apply(v)));
    return m;
  }
}
