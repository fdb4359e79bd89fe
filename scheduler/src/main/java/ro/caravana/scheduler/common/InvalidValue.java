package ro.caravana.scheduler.common;

/** A value that breaks a domain rule, with the reason in Romanian and English; free of HTTP concerns. */
public final class InvalidValue extends IllegalArgumentException {

  private final String reasonRo;
  private final String reasonEn;

  public InvalidValue(String reasonRo, String reasonEn) {
    super(reasonEn);
    this.reasonRo = reasonRo;
    this.reasonEn = reasonEn;
  }

  public String reasonRo() { return reasonRo; }

  public String reasonEn() { return reasonEn; }
}
