package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.SegmentReference;

/**
 * W8 and W9 have the shapes their names promise: W8 is a segment of 20 conditions, W9 is built
 * only from references to the three saved segments the engine's context carries.
 */
class WorkloadShapesTest {
  @Test
  void theTwentyConditionNurtureHasTwentyConditions() {
    assertThat(leaves(SegmentDslEngine.condition(Workload.W8_NURTURE_20))).hasSize(20);
  }

  @Test
  void theSavedSegmentsWorkloadReferencesTheThreeSavedWorkloads() {
    List<Condition> leaves = leaves(SegmentDslEngine.condition(Workload.W9_SAVED_SEGMENTS));
    assertThat(leaves).allMatch(c -> c instanceof SegmentReference).hasSize(3);
    assertThat(SegmentDslEngine.CONTEXT.segments().ids()).containsExactlyInAnyOrder(
        Workload.W9_COMPOSITE, Workload.W9_ONBOARDING, Workload.W9_REENGAGEMENT);
    assertThat(SegmentDslEngine.CONTEXT.segments().get(Workload.W9_COMPOSITE)
        .map(Segment::condition)).contains(SegmentDslEngine.condition(Workload.W5_COMPOSITE));
    assertThat(SegmentDslEngine.CONTEXT.segments().get(Workload.W9_ONBOARDING)
        .map(Segment::condition)).contains(SegmentDslEngine.condition(Workload.W1_ONBOARDING));
    assertThat(SegmentDslEngine.CONTEXT.segments().get(Workload.W9_REENGAGEMENT)
        .map(Segment::condition)).contains(SegmentDslEngine.condition(Workload.W3_REENGAGEMENT));
  }

  /** The conditions of a tree that are not {@code all}, {@code any} or {@code not}. */
  private static List<Condition> leaves(Condition c) {
    List<Condition> found = new ArrayList<>();
    if (c instanceof All all) {
      all.conditions().forEach(d -> found.addAll(leaves(d)));
    } else if (c instanceof Any any) {
      any.conditions().forEach(d -> found.addAll(leaves(d)));
    } else if (c instanceof Not not) {
      found.addAll(leaves(not.condition()));
    } else {
      found.add(c);
    }
    return found;
  }
}
