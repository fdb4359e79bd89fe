package ro.caravana.scheduler.notice.gateway;

/** A message a family sent to Caravana's number. {@code from} is E.164. */
public record InboundSms(String from, String to, String text) {}
