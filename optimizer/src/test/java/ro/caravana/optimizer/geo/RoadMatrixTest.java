package ro.caravana.optimizer.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoadMatrixTest {

  // Focșani, Nereju, Paltin
  private final List<GeoPoint> points = List.of(new GeoPoint(45.6967, 27.1837), new GeoPoint(45.7167, 26.7167),
      new GeoPoint(45.7833, 26.7333));

  @Test
  @DisplayName("A road entry is used one way only; the other way and other pairs fall back to the estimate")
  void asymmetricEntry() {
    RoadMatrix m = RoadMatrix.builder(points).road(0, 1, 3_900, 52_000, RoadMatrix.Source.CSV).build();
    GreatCircleMatrix estimate = new GreatCircleMatrix(points);
    assertEquals(3_900, m.seconds(0, 1));
    assertEquals(52_000, m.metres(0, 1));
    assertEquals(RoadMatrix.Source.CSV, m.source(0, 1));
    assertEquals(estimate.seconds(1, 0), m.seconds(1, 0));
    assertEquals(RoadMatrix.Source.ESTIMATE, m.source(1, 0));
    assertEquals(estimate.metres(1, 2), m.metres(1, 2));
  }

  @Test
  @DisplayName("An imported entry wins over a router entry for the same pair, whichever comes first")
  void csvBeatsRouter() {
    RoadMatrix a = RoadMatrix.builder(points).road(0, 1, 100, 1, RoadMatrix.Source.ROUTER)
        .road(0, 1, 200, 2, RoadMatrix.Source.CSV).build();
    RoadMatrix b = RoadMatrix.builder(points).road(0, 1, 200, 2, RoadMatrix.Source.CSV)
        .road(0, 1, 100, 1, RoadMatrix.Source.ROUTER).build();
    assertEquals(200, a.seconds(0, 1));
    assertEquals(200, b.seconds(0, 1));
    assertEquals(RoadMatrix.Source.CSV, b.source(0, 1));
  }

  @Test
  @DisplayName("A slow factor lengthens every leg to and from the place, not the distance, and not other legs")
  void slowFactor() {
    RoadMatrix plain = RoadMatrix.builder(points).road(0, 1, 3_000, 40_000, RoadMatrix.Source.CSV).build();
    RoadMatrix winter = RoadMatrix.builder(points).road(0, 1, 3_000, 40_000, RoadMatrix.Source.CSV).slow(1, 150).build();
    assertEquals(4_500, winter.seconds(0, 1));
    assertEquals(40_000, winter.metres(0, 1));
    assertEquals(plain.seconds(2, 1) * 150 / 100, winter.seconds(2, 1));
    assertEquals(plain.seconds(0, 2), winter.seconds(0, 2));
  }
}
