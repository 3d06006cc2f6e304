package org.segmentdsl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickTourTest {
  @Test
  void everyExampleAgreesWithItsPlainFilterAndPrintsItsExplanation() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<QuickTour.Outcome> outcomes =
        QuickTour.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(outcomes).hasSize(QuickTour.examples().size());
    for (QuickTour.Outcome o : outcomes) {
      assertThat(o.count()).as(o.name()).isPositive();
      assertThat(printed).contains(o.name() + ": " + String.format("%,d", o.count()) + " contacts");
    }
    assertThat(printed).contains("total: ");
  }
}
