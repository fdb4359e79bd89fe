package ro.caravana.scheduler.imports;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ro.caravana.scheduler.common.InvalidValue;

/** The values of Romanian spreadsheets: dates, Da/Nu, sexes, categories, services, modes, weekdays and hours. */
final class Values {

  private static final Pattern DMY = Pattern.compile("(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4})");
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern HOURS = Pattern.compile("(\\d{1,2})[:.](\\d{2})\\s*-\\s*(\\d{1,2})[:.](\\d{2})");
  private static final Pattern MINUTES = Pattern.compile("(\\d{1,3})\\s*(m|min|minute|minut)?");
  private static final Pattern HOUR_DURATION = Pattern.compile("(\\d{1,2})\\s*(h|ora|ore)");

  private Values() {}

  /** dd.mm.yyyy, d.m.yyyy, dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, or a spreadsheet date cell. */
  static LocalDate date(Object cell) {
    if (cell instanceof LocalDate d) return d;
    String s = cell.toString().strip();
    try {
      Matcher m = DMY.matcher(s);
      if (m.matches()) return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
      m = ISO.matcher(s);
      if (m.matches()) return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw new InvalidValue("Data nu există în calendar.", "The date does not exist in the calendar.");
    }
    throw new InvalidValue("Data se scrie zz.ll.aaaa (de exemplu 02.03.2015).", "Dates are written dd.mm.yyyy (for example 02.03.2015).");
  }

  private static final Map<String, Boolean> YES_NO = Map.ofEntries(Map.entry("da", true), Map.entry("nu", false),
      Map.entry("d", true), Map.entry("n", false), Map.entry("x", true), Map.entry("1", true), Map.entry("0", false),
      Map.entry("true", true), Map.entry("false", false), Map.entry("yes", true), Map.entry("no", false),
      Map.entry("adevarat", true), Map.entry("fals", false));

  static boolean yesNo(Object cell) {
    Boolean b = YES_NO.get(Text.fold(cell.toString()));
    if (b == null) throw new InvalidValue("Se scrie Da sau Nu.", "Write Da (yes) or Nu (no).");
    return b;
  }

  static String sex(Object cell) {
    return switch (Text.fold(cell.toString())) {
      case "m", "masculin", "barbat", "b", "male" -> "M";
      case "f", "feminin", "femeie", "female" -> "F";
      default -> throw new InvalidValue("Sexul se scrie M, F, Masculin sau Feminin.", "Sex is M, F, Masculin or Feminin.");
    };
  }

  /** Romanian category names as directorates write them, or the API's codes. */
  static String category(Object cell) {
    String f = Text.fold(cell.toString());
    if (f.equals("disability") || f.contains("dizabil") || f.contains("handicap")) return "disability";
    if (f.equals("vulnerable family") || f.contains("famil") || f.contains("vulnerab")) return "vulnerable_family";
    if (f.equals("elderly") || f.contains("varstnic") || f.contains("batran")) return "elderly";
    if (f.equals("child") || f.startsWith("copil") || f.startsWith("copii")) return "child";
    throw new InvalidValue("Categorie necunoscută; se scrie: dizabilitate, copil, familie vulnerabilă sau vârstnic.",
        "Unknown category; write: dizabilitate, copil, familie vulnerabilă or vârstnic.");
  }

  static String service(Object cell) {
    String f = Text.fold(cell.toString());
    if (f.contains("kineto") || f.equals("kinetotherapy")) return "kinetotherapy";
    if (f.contains("logoped") || f.equals("speech therapy")) return "speech_therapy";
    if (f.contains("telemed")) return "telemedicine";
    if (f.contains("consiliere") || f.contains("psiholog") || f.equals("counselling")) return "counselling";
    if (f.contains("grup") || f.equals("support group")) return "support_group";
    if (f.contains("parental")) return "parental_education";
    if (f.contains("consult") || f.contains("medical")) return "medical_consultation";
    throw new InvalidValue("Serviciu necunoscut; se scrie: kinetoterapie, logopedie, consiliere, grup de sprijin, "
        + "educație parentală, consultație medicală sau telemedicină.", "Unknown service; write: kinetoterapie, "
        + "logopedie, consiliere, grup de sprijin, educație parentală, consultație medicală or telemedicină.");
  }

  static String modality(Object cell) {
    String f = Text.fold(cell.toString());
    if (f.startsWith("la ")) f = f.substring(3).strip(); // "La centru", "La caravană": the words of the exports
    if (f.startsWith("centr")) return "centre";
    if (f.startsWith("carava")) return "caravan";
    if (f.contains("distant") || f.contains("online") || f.equals("remote") || f.contains("telemed")) return "remote";
    throw new InvalidValue("Modul se scrie: centru, caravană sau la distanță.", "The mode is: centru, caravană or la distanță.");
  }

  /** Minutes: "45", "45 min", "1h", "1 oră". */
  static int minutes(Object cell) {
    String f = Text.fold(cell.toString());
    Matcher m = MINUTES.matcher(f);
    int v;
    if (m.matches()) {
      v = Integer.parseInt(m.group(1));
    } else if ((m = HOUR_DURATION.matcher(f)).matches()) {
      v = Integer.parseInt(m.group(1)) * 60;
    } else {
      throw new InvalidValue("Durata se scrie în minute (de exemplu 45).", "The duration is in minutes (for example 45).");
    }
    if (v < 5 || v > 480) throw new InvalidValue("Durata este între 5 și 480 de minute.", "The duration is between 5 and 480 minutes.");
    return v;
  }

  static int integer(Object cell, int min, int max) {
    String s = cell.toString().strip();
    if (!s.matches("[0-9]{1,4}")) throw new InvalidValue("Se scrie un număr întreg.", "Write a whole number.");
    int v = Integer.parseInt(s);
    if (v < min || v > max) {
      throw new InvalidValue("Valoarea este între " + min + " și " + max + ".", "The value is between " + min + " and " + max + ".");
    }
    return v;
  }

  private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(Map.entry("luni", DayOfWeek.MONDAY),
      Map.entry("marti", DayOfWeek.TUESDAY), Map.entry("miercuri", DayOfWeek.WEDNESDAY), Map.entry("joi", DayOfWeek.THURSDAY),
      Map.entry("vineri", DayOfWeek.FRIDAY), Map.entry("sambata", DayOfWeek.SATURDAY), Map.entry("duminica", DayOfWeek.SUNDAY),
      Map.entry("lu", DayOfWeek.MONDAY), Map.entry("ma", DayOfWeek.TUESDAY), Map.entry("mi", DayOfWeek.WEDNESDAY),
      Map.entry("jo", DayOfWeek.THURSDAY), Map.entry("vi", DayOfWeek.FRIDAY), Map.entry("sa", DayOfWeek.SATURDAY),
      Map.entry("du", DayOfWeek.SUNDAY));

  /** Preferred days and hours: "Luni, Miercuri 14:00-16:00", "marți și joi", "15.00-17.00". */
  record Preference(List<String> days, LocalTime from, LocalTime to) {}

  static Preference preference(Object cell) {
    String raw = cell.toString();
    LocalTime from = null;
    LocalTime to = null;
    Matcher h = HOURS.matcher(raw);
    if (h.find()) {
      try {
        from = LocalTime.of(Integer.parseInt(h.group(1)), Integer.parseInt(h.group(2)));
        to = LocalTime.of(Integer.parseInt(h.group(3)), Integer.parseInt(h.group(4)));
      } catch (DateTimeException e) {
        throw new InvalidValue("Ora nu există.", "No such time of day.");
      }
      if (!to.isAfter(from)) throw new InvalidValue("Intervalul orar se termină după ce începe.", "The hours end after they start.");
      raw = raw.substring(0, h.start()) + " " + raw.substring(h.end());
    }
    List<String> days = new ArrayList<>();
    for (String word : Text.fold(raw).split(" ")) {
      if (word.isEmpty() || word.equals("si") || word.equals("ora") || word.equals("orele")) continue;
      DayOfWeek d = DAYS.get(word);
      if (d == null) {
        throw new InvalidValue("Zi necunoscută: „" + word + "”; se scrie de exemplu „Luni, Miercuri 14:00-16:00”.",
            "Unknown day '" + word + "'; write for example 'Luni, Miercuri 14:00-16:00'.");
      }
      if (!days.contains(d.name())) days.add(d.name());
    }
    return new Preference(days, from, to);
  }
}
