package ro.caravana.scheduler.notice.text;

/** The two alphabets an SMS can travel in, with their single and concatenated segment sizes. */
public enum SmsEncoding {
  /** GSM 03.38 default alphabet: sizes in septets. */
  GSM_7("GSM-7", 160, 153),
  /** UCS-2 (UTF-16 code units, surrogate pairs count two): sizes in code units. */
  UCS_2("UCS-2", 70, 67);

  private final String label;
  private final int single;
  private final int concatenated;

  SmsEncoding(String label, int single, int concatenated) {
    this.label = label;
    this.single = single;
    this.concatenated = concatenated;
  }

  public String label() { return label; }
  public int singleSegment() { return single; }
  public int concatenatedSegment() { return concatenated; }

  public static SmsEncoding fromLabel(String label) {
    for (SmsEncoding e : values()) if (e.label.equals(label)) return e;
    throw new IllegalArgumentException("unknown SMS encoding " + label);
  }
}
