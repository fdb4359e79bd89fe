package ro.caravana.scheduler.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo scenario as plain records: what {@link DemoGenerator} produces and {@link DemoLoader}
 * stores. Centres, caravans and staff refer to each other by code (the database assigns ids).
 */
public record DemoScenario(
    long seed,
    LocalDate start,
    List<Integer> localities,
    List<Centre> centres,
    List<Caravan> caravans,
    List<StaffMember> staff,
    List<Beneficiary> beneficiaries,
    List<CarePlan> carePlans) {

  /** Opening or working hours on one day. */
  public record Hours(LocalTime from, LocalTime to) {}

  public record Room(String name, int capacity, List<String> equipment) {}

  public record Centre(String code, String name, String county, int localitySiruta, String address,
      Map<DayOfWeek, Hours> openingHours, List<Room> rooms) {}

  public record Caravan(String code, String name, String county, int depotSiruta, List<String> crew,
      int consultationsPerDay, LocalTime shiftStart, LocalTime shiftEnd) {}

  public record Leave(LocalDate from, LocalDate to, String reason) {}

  public record StaffMember(String code, String firstName, String lastName, String role, List<String> skills,
      String county, String centreCode, String caravanCode, Map<DayOfWeek, Hours> availability, String phone,
      List<Leave> leave) {}

  public record Beneficiary(UUID id, String firstName, String lastName, String cnp, LocalDate birthDate, String sex,
      int localitySiruta, String county, UUID householdId, String centreCode, String category, List<String> flags,
      String guardianName, String phone, boolean smsConsent, LocalDate smsConsentDate, boolean dataConsent,
      LocalDate dataConsentDate, String preferredLanguage) {

    public boolean hasFlag(String flag) {
      return flags.contains(flag);
    }
  }

  public record CarePlan(UUID id, UUID beneficiaryId, String service, int sessionsPerWeek, int intervalWeeks,
      int minutes, String modality, String centreCode, LocalDate validFrom, LocalDate validTo,
      List<String> preferredDays, LocalTime preferredFrom, LocalTime preferredTo) {}
}
