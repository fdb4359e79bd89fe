package ro.caravana.scheduler.notice.text;

/**
 * A text ready to send: the exact body, its alphabet, its length in that alphabet's units
 * (septets or UTF-16 code units), how many segments it takes, and what it costs in bani.
 */
public record SmsMessage(String body, SmsEncoding encoding, int units, int segments, int costBani) {}
