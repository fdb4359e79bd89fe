package ro.caravana.scheduler.interop;

import java.util.Map;

/** The services as families, staff and ministries read them (Romanian, with diacritics), for every interop format. */
public final class ServiceNames {

  public static final Map<String, String> RO = Map.of(
      "kinetotherapy", "Kinetoterapie",
      "speech_therapy", "Logopedie",
      "counselling", "Consiliere psihologică",
      "support_group", "Grup de sprijin",
      "parental_education", "Educație parentală",
      "medical_consultation", "Consultație medicală",
      "telemedicine", "Telemedicină");

  private ServiceNames() {}

  public static String of(String code) {
    return RO.getOrDefault(code, code);
  }
}
