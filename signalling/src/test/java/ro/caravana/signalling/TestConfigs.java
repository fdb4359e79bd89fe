package ro.caravana.signalling;

import java.util.HashMap;
import java.util.Map;

/** Telemedicine settings as the shipped defaults have them, with overrides. */
public final class TestConfigs {

  public static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("telemedicine.token-secret", "test-secret-test-secret-test-secret-0123"),
      Map.entry("telemedicine.attendance-minutes", "10"),
      Map.entry("telemedicine.noshow-grace-minutes", "15"),
      Map.entry("telemedicine.candidate-filter", "all"),
      Map.entry("telemedicine.max-message-bytes", "65536"),
      Map.entry("telemedicine.messages-per-second", "50"),
      Map.entry("telemedicine.message-burst", "200"),
      Map.entry("telemedicine.heartbeat-seconds", "10"),
      Map.entry("telemedicine.dead-after-seconds", "30"),
      Map.entry("telemedicine.max-rooms", "10000"),
      Map.entry("telemedicine.default-provider", "auto"),
      Map.entry("telemedicine.stun-urls", "stun:stun.example.org:3478"));

  private TestConfigs() {}

  public static SignallingConfig with(Map<String, String> overrides) {
    Map<String, String> m = new HashMap<>(DEFAULTS);
    m.putAll(overrides);
    return SignallingConfig.from(m::get);
  }
}
