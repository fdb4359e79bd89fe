package ro.caravana.scheduler.notice.gateway;

import ro.caravana.scheduler.notice.text.SmsEncoding;

/** One message to hand over: the notice it belongs to, the E.164 phone, the exact body and its alphabet. */
public record OutgoingSms(long noticeId, String to, String body, SmsEncoding encoding) {}
