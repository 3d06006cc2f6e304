package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.InvalidSegmentException.Problem;

/**
 * A number that a message shows is shown as the document wrote it: {@code "atLeast": 1.0} is
 * refused with "got 1.0", not with a "got 1" that reads like a contradiction.
 */
class NumbersAsWrittenTest {
  private static Problem firstProblem(String where) {
    String json = "{\"format\": \"segment/v1\", \"where\": " + where + "}";
    try {
      SegmentJson.read(json);
    } catch (SegmentFormatException e) {
      return e.problems().get(0);
    }
    throw new AssertionError("expected a problem in " + json);
  }

  @Test
  void integerKeysShowTheValueAsWritten() {
    for (String written : List.of("1.0", "2e0", "1E+2", "-0.0", "3.50")) {
      for (String key : List.of("atLeast", "atMost")) {
        Problem p = firstProblem("{\"event\": \"open\", \"" + key + "\": " + written + "}");
        assertThat(p.pointer()).isEqualTo("/where/" + key);
        assertThat(p.message()).isEqualTo("expects an integer >= 0, got " + written);
      }
    }
  }

  @Test
  void dataMessagesShowTheValueAsWritten() {
    assertThat(ChangeStreamTest.rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"vip\","
        + "\"value\":1.0}")).isEqualTo("/value: op \"setField\": field \"vip\" expects true or "
            + "false, got 1.0");
    assertThat(ChangeStreamTest.rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"country\","
        + "\"value\":10e1}")).isEqualTo("/value: op \"setField\": field \"country\" expects a "
            + "string, got 10e1");
  }

  @Test
  void numbersStillReadAsTheirValueAndMetadataIsWrittenCanonically() {
    assertThat(SegmentJson.read("{\"format\": \"segment/v1\", \"where\": {\"field\": \"n\", "
        + "\"op\": \"eq\", \"value\": 1.50}}"))
        .isEqualTo(SegmentJson.read("{\"format\": \"segment/v1\", \"where\": {\"field\": \"n\", "
            + "\"op\": \"eq\", \"value\": 1.5}}"));
    assertThat(SegmentJson.write(SegmentJson.read("{\"format\": \"segment/v1\", \"x-n\": "
        + "[1.0, 2.50, 1e2], \"where\": {\"tag\": \"a\"}}"))).contains("\"x-n\":[1,2.5,100]");
    assertThatThrownBy(() -> SegmentJson.read("{\"format\": \"segment/v1\", \"where\": "
        + "{\"event\": \"open\", \"atLeast\": 1.0}}")).isInstanceOf(SegmentFormatException.class);
  }
}
