package ro.caravana.portal.telemedicine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.platform.config.AppConfig;

@DisplayName("Telemedicine settings in demo mode")
class DemoDefaultsTest {

  @Test
  @DisplayName("without a Jitsi domain the demo gets a placeholder one with a random secret per start, and calls stay built-in")
  void placeholder() {
    AppConfig a = TelemedicineRoutes.withDemoDefaults(AppConfig.of(Map.of()));
    AppConfig b = TelemedicineRoutes.withDemoDefaults(AppConfig.of(Map.of()));
    assertEquals(TelemedicineRoutes.DEMO_JITSI_DOMAIN, a.string("jitsi.domain"));
    assertTrue(a.string("jitsi.secret").length() >= 32);
    assertNotEquals(a.string("jitsi.secret"), b.string("jitsi.secret"));
    assertEquals("builtin", a.string("telemedicine.default-provider"));
  }

  @Test
  @DisplayName("a configured Jitsi deployment is left alone")
  void configured() {
    AppConfig c = TelemedicineRoutes.withDemoDefaults(AppConfig.of(Map.of("jitsi.domain", "meet.dgaspc-bc.ro", "jitsi.secret", "s")));
    assertEquals("meet.dgaspc-bc.ro", c.string("jitsi.domain"));
    assertEquals("s", c.string("jitsi.secret"));
    assertEquals("auto", c.string("telemedicine.default-provider"));
  }
}
