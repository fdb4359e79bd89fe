package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The process id in a plan's holder: ASCII digits before the dash, nothing else")
class PlanOwnerTest {

  @Test
  @DisplayName("pid-uuid gives the pid; other scripts' digits, signs, decimals, no dash, empty give nothing")
  void ownerPid() {
    assertEquals(OptionalLong.of(4242), PlanRepository.ownerPid("4242-6f1c2a9e-0b7d-4e51-9a57-3c1d2e4f5a6b"));
    for (String hostile : new String[] {"٤٢٤٢-x", "４２-x", "+42-x", "-42-x", "4.2-x", "42", "", "-x", "a42-x",
        "9999999999999999999-x", null}) {
      assertTrue(PlanRepository.ownerPid(hostile).isEmpty(), String.valueOf(hostile));
    }
  }
}
