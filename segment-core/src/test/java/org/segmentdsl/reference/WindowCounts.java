package org.segmentdsl.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.condition.EventCondition;

/**
 * The four count shapes a window's tests ask of an event condition (at least once, never, at
 * least twice, two or three times), each checked against a plain count per contact.
 */
final class WindowCounts {
  private WindowCounts() {}

  /**
   * Asserts that each shape of {@code window} matches exactly the contacts whose {@code counts}
   * (the events of the window per contact, every contact listed) satisfy it.
   */
  static void check(ContactIndex index, EvaluationContext ctx, EventCondition window,
      Map<String, Integer> counts, String description) {
    IntPredicate[] shapes = {n -> n >= 1, n -> n == 0, n -> n >= 2, n -> n >= 2 && n <= 3};
    EventCondition[] conditions = {window.atLeast(1), window.never(), window.atLeast(2),
        window.atLeast(2).atMost(3)};
    for (int k = 0; k < conditions.length; k++) {
      TreeSet<String> expected = new TreeSet<>();
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        if (shapes[k].test(e.getValue())) {
          expected.add(e.getKey());
        }
      }
      assertThat(new TreeSet<>(index.evaluate(conditions[k], ctx).ids()))
          .as("%s %s", conditions[k], description)
          .isEqualTo(expected);
    }
  }
}
