package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.json.DeepReferenceDatasetTest.onSmallStack;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;

/**
 * Writing a segment built in Java past the format's limits (segment-format.md 4) is refused, in
 * the spec's words with the JSON Pointer of where, rather than written as a document no reader
 * takes, or overflowing the stack: trees 100,000 levels deep and a million conditions, written on
 * a thread with a 256 KiB stack. A segment at the limits is written and reads back equal.
 */
class WriteLimitsTest {
  private static final int DEEP = 100_000;
  private static final String TOO_DEEP = "conditions are nested deeper than 32 levels";

  /** {@code inner} in {@code levels} groups, outermost first: {@code all}, {@code any}, ... */
  private static Condition allsAndAnys(int levels, Condition inner) {
    Condition c = inner;
    for (int i = levels - 1; i >= 0; i--) {
      c = i % 2 == 0 ? all(c) : any(c);
    }
    return c;
  }

  /** {@code inner} in {@code levels} of {@code not}. */
  private static Condition nots(int levels, Condition inner) {
    Condition c = inner;
    for (int i = 0; i < levels; i++) {
      c = not(c);
    }
    return c;
  }

  private static void refused(Condition where, String message) {
    Segment s = Segment.builder().id("big").where(where).build();
    assertThatThrownBy(() -> SegmentJson.write(s)).isInstanceOf(SegmentFormatException.class)
        .hasMessage(message);
  }

  /** Writes a segment within the limits and reads it back. */
  private static void roundTrips(Condition where) {
    Segment s = Segment.builder().id("edge").where(where).build();
    assertThat(SegmentJson.read(SegmentJson.write(s))).isEqualTo(s);
  }

  @Test
  void deepTreesAreRefusedWithWhereOnASmallStack() throws Exception {
    onSmallStack(() -> {
      refused(nots(DEEP, tag("a")), "/where" + "/not".repeat(32) + ": " + TOO_DEEP);
      refused(allsAndAnys(DEEP, tag("a")),
          "/where" + "/all/0/any/0".repeat(16) + ": " + TOO_DEEP);
      refused(deal(nots(DEEP, field("stage").eq("Won"))),
          "/where/deal" + "/not".repeat(31) + ": " + TOO_DEEP);
      refused(account(allsAndAnys(DEEP, field("industry").eq("SaaS"))),
          "/where/account" + "/all/0/any/0".repeat(15) + "/all/0: " + TOO_DEEP);
      refused(nots(33, tag("a")), "/where" + "/not".repeat(32) + ": " + TOO_DEEP);
      roundTrips(nots(32, tag("a")));
      roundTrips(allsAndAnys(32, tag("a")));
      roundTrips(deal(nots(31, field("stage").eq("Won"))));
    });
  }

  @Test
  void aMillionConditionsAreRefusedWithWhere() throws Exception {
    onSmallStack(() -> {
      refused(all(Collections.nCopies(1_000_000, tag("a"))),
          "/where/all/9999: more than 10000 conditions");
      refused(all(Collections.nCopies(10_000, tag("a"))),
          "/where/all/9999: more than 10000 conditions");
      roundTrips(all(Collections.nCopies(9_999, tag("a"))));
    });
  }
}
