package ro.caravana.signalling.rtc;

import java.util.Locale;

/** Where a consultation stands, as the signalling sees it. */
public enum ConsultationState {
  /** nobody from the family has come yet */
  SCHEDULED,
  /** the family is in the waiting room */
  WAITING,
  /** the doctor admitted the family */
  IN_PROGRESS,
  /** the doctor ended it */
  COMPLETED,
  /** the family never came (decided by the scheduler at slot end plus grace) */
  NO_SHOW;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
