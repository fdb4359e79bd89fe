package ro.caravana.signalling.rtc;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.Participant.Role;

/**
 * One consultation: at most one doctor socket and one family socket, the waiting room between
 * them, and the time they spent connected together. Messages are relayed only between the two
 * sockets of this room, and only after the doctor admitted the family. All methods lock the room:
 * sockets of one room may live on different event loops.
 */
final class Room {

  private final String consultationId;
  private final ConsultationSlot slot;
  private final Vertx vertx;
  private final PresenceSink presence;
  private final Duration attendance;
  private final CandidateFilter candidates;

  private Peer doctor;
  private Peer family;
  private boolean admitted;
  private boolean ended;
  private boolean familyEverJoined;
  private boolean attendanceReported;
  private long togetherMillis;
  private long togetherSinceMillis = -1;
  private long attendanceTimer = -1;

  Room(String consultationId, ConsultationSlot slot, Vertx vertx, PresenceSink presence, Duration attendance,
      CandidateFilter candidates) {
    this.consultationId = consultationId;
    this.slot = slot;
    this.vertx = vertx;
    this.presence = presence;
    this.attendance = attendance;
    this.candidates = candidates;
  }

  synchronized ConsultationState state() {
    if (ended) return ConsultationState.COMPLETED;
    if (admitted) return ConsultationState.IN_PROGRESS;
    if (family != null) return ConsultationState.WAITING;
    return ConsultationState.SCHEDULED;
  }

  synchronized boolean idle(Instant now) {
    return doctor == null && family == null && now.isAfter(slot.expires());
  }

  synchronized int sockets() {
    return (doctor == null ? 0 : 1) + (family == null ? 0 : 1);
  }

  ConsultationSlot slot() {
    return slot;
  }

  /** A participant's socket opened (first time or reconnecting; a newer socket replaces an older one). */
  synchronized void join(Peer peer, JsonArray iceServers) {
    Role role = peer.participant.role();
    if (ended) {
      peer.send(msg("ended"));
      peer.close(4000, "consultation ended");
      return;
    }
    Peer previous = role == Role.DOCTOR ? doctor : family;
    if (previous != null) {
      stopTogether();
      previous.close(4001, "replaced by a newer connection");
    }
    if (role == Role.DOCTOR) doctor = peer; else family = peer;
    peer.send(msg("welcome")
        .put("role", role.wire())
        .put("you", new JsonObject().put("id", peer.participant.id()).put("name", peer.participant.name()))
        .put("state", state().wire())
        .put("iceServers", iceServers)
        .put("slot", new JsonObject().put("start", slot.start().toString()).put("end", slot.end().toString()))
        .put("attendanceSeconds", attendance.toSeconds()));
    publish(PresenceSink.PARTICIPANT_JOINED).put("role", role.wire()).put("participantId", peer.participant.id());
    if (role == Role.FAMILY) {
      familyEverJoined = true;
      if (!admitted) {
        peer.send(msg("waiting"));
        if (doctor != null) doctor.send(lobby());
      } else if (doctor != null) {
        begin();
      } else {
        peer.send(msg("peer-absent").put("role", "doctor"));
      }
    } else {
      if (admitted && family != null) {
        begin();
      } else {
        peer.send(lobby());
      }
    }
  }

  /** A socket closed (by the participant, the network or the heartbeat). */
  synchronized void leave(Peer peer) {
    Role role = peer.participant.role();
    if ((role == Role.DOCTOR ? doctor : family) != peer) return; // already replaced
    stopTogether();
    if (role == Role.DOCTOR) doctor = null; else family = null;
    publish(PresenceSink.PARTICIPANT_LEFT).put("role", role.wire()).put("participantId", peer.participant.id())
        .put("togetherSeconds", togetherMillis / 1000);
    Peer other = role == Role.DOCTOR ? family : doctor;
    if (other != null && !ended) {
      if (role == Role.FAMILY && !admitted) other.send(lobby());
      else other.send(msg("peer-left").put("role", role.wire()));
    }
  }

  /** A text message from a participant's socket, already size- and rate-checked. */
  synchronized void onMessage(Peer from, JsonObject m) {
    if (from.participant.role() == Role.DOCTOR ? doctor != from : family != from) return;
    String type = m.getString("type", "");
    switch (type) {
      case "ping" -> from.send(msg("pong"));
      case "admit" -> doctorOnly(from, this::admit);
      case "decline" -> doctorOnly(from, this::decline);
      case "end" -> doctorOnly(from, this::end);
      case "offer", "answer", "candidate" -> relay(from, type, m);
      default -> from.send(error("unknown-type", "Unknown message type."));
    }
  }

  private void doctorOnly(Peer from, Runnable action) {
    if (from.participant.role() != Role.DOCTOR) {
      from.send(error("forbidden", "Only the doctor may do this."));
      return;
    }
    action.run();
  }

  private void admit() {
    if (ended) return;
    if (family == null) {
      doctor.send(error("nobody-waiting", "Nobody is waiting."));
      return;
    }
    if (!admitted) {
      admitted = true;
      publish(PresenceSink.CONSULTATION_STARTED).put("participantId", family.participant.id());
    }
    family.send(msg("admitted"));
    begin();
  }

  private void decline() {
    if (family == null || admitted) return;
    Peer declined = family;
    declined.send(msg("declined"));
    family = null;
    declined.close(4003, "declined");
    doctor.send(lobby());
  }

  private void end() {
    if (ended) return;
    stopTogether();
    ended = true;
    publish(PresenceSink.CONSULTATION_ENDED)
        .put("togetherSeconds", togetherMillis / 1000)
        .put("familyJoined", familyEverJoined)
        .put("attendanceReached", attendanceReported);
    for (Peer p : new Peer[] {doctor, family}) {
      if (p != null) {
        p.send(msg("ended"));
        p.close(4000, "consultation ended");
      }
    }
    doctor = null;
    family = null;
  }

  /** Both present and admitted: tell each side to (re)build its peer connection; the doctor offers. */
  private void begin() {
    doctor.send(msg("start").put("initiator", true).put("peer", family.participant.name()));
    family.send(msg("start").put("initiator", false).put("peer", doctor.participant.name()));
    startTogether();
  }

  private void relay(Peer from, String type, JsonObject m) {
    Peer to = from == doctor ? family : doctor;
    if (!admitted || to == null) {
      from.send(error("not-connected", "The other side is not in the call."));
      return;
    }
    JsonObject out = msg(type);
    if (type.equals("candidate")) {
      if (!candidates.allows(m)) return;
      out.put("candidate", m.getValue("candidate"));
    } else {
      Object sdp = m.getValue("sdp");
      if (!(sdp instanceof String s)) {
        from.send(error("bad-message", "An " + type + " needs an sdp string."));
        return;
      }
      out.put("sdp", candidates.filterSdp(s));
    }
    if (m.getValue("seq") != null) out.put("seq", m.getValue("seq"));
    if (m.getValue("sentAt") != null) out.put("sentAt", m.getValue("sentAt"));
    to.send(out);
  }

  private void startTogether() {
    if (togetherSinceMillis >= 0 || !admitted || doctor == null || family == null) return;
    togetherSinceMillis = System.currentTimeMillis();
    if (!attendanceReported) {
      long remaining = Math.max(1, attendance.toMillis() - togetherMillis);
      attendanceTimer = vertx.setTimer(remaining, id -> checkAttendance());
    }
  }

  private void stopTogether() {
    if (togetherSinceMillis < 0) return;
    togetherMillis += System.currentTimeMillis() - togetherSinceMillis;
    togetherSinceMillis = -1;
    if (attendanceTimer >= 0) {
      vertx.cancelTimer(attendanceTimer);
      attendanceTimer = -1;
    }
  }

  private synchronized void checkAttendance() {
    attendanceTimer = -1;
    long together = togetherMillis + (togetherSinceMillis >= 0 ? System.currentTimeMillis() - togetherSinceMillis : 0);
    if (attendanceReported || together < attendance.toMillis()) return;
    attendanceReported = true;
    publish(PresenceSink.ATTENDANCE_REACHED)
        .put("togetherSeconds", together / 1000)
        .put("minutes", (int) Math.max(1, Math.round(together / 60_000.0)))
        .put("slotStart", slot.start().toString())
        .put("slotEnd", slot.end().toString());
    if (doctor != null) doctor.send(msg("attendance").put("togetherSeconds", together / 1000));
    if (family != null) family.send(msg("attendance").put("togetherSeconds", together / 1000));
  }

  private JsonObject lobby() {
    JsonArray waiting = new JsonArray();
    if (family != null && !admitted) {
      waiting.add(new JsonObject().put("id", family.participant.id()).put("name", family.participant.name())
          .put("since", family.joinedAt.toString()));
    }
    return msg("lobby").put("waiting", waiting).put("state", state().wire());
  }

  /** Builds an event, sends it after the caller has filled it in (same thread, before the lock is released). */
  private JsonObject publish(String type) {
    JsonObject e = new JsonObject()
        .put("eventId", UUID.randomUUID().toString())
        .put("type", type)
        .put("consultationId", consultationId)
        .put("at", Instant.now().toString());
    vertx.runOnContext(v -> presence.publish(e));
    return e;
  }

  private static JsonObject msg(String type) {
    return new JsonObject().put("type", type);
  }

  static JsonObject error(String code, String reason) {
    return msg("error").put("code", code).put("reason", reason);
  }
}
