package ro.caravana.signalling.rtc;

import io.vertx.core.json.JsonObject;
import ro.caravana.signalling.SignallingConfig.CandidatePolicy;

/**
 * Decides which ICE candidates are relayed. With {@link CandidatePolicy#LOOPBACK} only host
 * candidates on 127.0.0.1 or ::1 pass, in trickled candidates and in candidates embedded in SDP,
 * so tests keep their media on the machine.
 */
final class CandidateFilter {

  private final CandidatePolicy policy;

  CandidateFilter(CandidatePolicy policy) {
    this.policy = policy;
  }

  /** A trickled candidate message ({@code {"candidate": {"candidate": "candidate:...", ...}}}). */
  boolean allows(JsonObject message) {
    if (policy == CandidatePolicy.ALL) return true;
    Object c = message.getValue("candidate");
    if (c == null) return true; // end-of-candidates
    String line = c instanceof JsonObject o ? o.getString("candidate", "") : String.valueOf(c);
    return line.isEmpty() || loopback(line);
  }

  /** The SDP with every non-loopback {@code a=candidate} line removed. */
  String filterSdp(String sdp) {
    if (policy == CandidatePolicy.ALL || sdp == null) return sdp;
    StringBuilder out = new StringBuilder(sdp.length());
    for (String line : sdp.split("\r\n", -1)) {
      if (line.startsWith("a=candidate:") && !loopback(line)) continue;
      out.append(line).append("\r\n");
    }
    out.setLength(Math.max(0, out.length() - 2));
    return out.toString();
  }

  /** candidate:foundation component transport priority ADDRESS port typ ... */
  static boolean loopback(String candidateLine) {
    String[] f = candidateLine.trim().split("\\s+");
    if (f.length < 6) return false;
    String address = f[4];
    return address.equals("127.0.0.1") || address.equals("::1");
  }
}
