package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.condition.Condition;

/** The comparison both property tests make: the index's members against the reference's. */
final class Checks {
  private Checks() {}

  /**
   * Asserts that {@code snapshot} evaluates {@code condition} in {@code context} (with its
   * registry of saved segments) to exactly the reference's ids, in the same order (or that both
   * refuse it).
   *
   * @param where the seed, try and step, for the failure message
   * @return whether both refused the condition in this context
   */
  static boolean sameMembers(IndexSnapshot snapshot, ReferenceModel.State state, Schema schema,
      Condition condition, EvaluationContext context, Supplier<String> where) {
    List<RefContact> contacts = state.contacts();
    List<String> expected = null;
    String expectedError = null;
    try {
      expected = ReferenceEvaluator.evaluate(state, schema, condition, context);
    } catch (ReferenceEvaluator.InvalidRange | ReferenceEvaluator.InvalidReference e) {
      expectedError = e.getMessage();
    }
    SegmentResult actual;
    try {
      actual = snapshot.evaluate(condition, context);
    } catch (InvalidSegmentException e) {
      if (expectedError == null) {
        fail(where.get() + "\nthe index refused a valid condition: " + e.getMessage()
            + describe(condition, context), e);
      }
      return true;
    }
    if (expectedError != null) {
      fail(where.get() + "\nexpected an error (" + expectedError + "), the index returned "
          + actual.count() + " contacts" + describe(condition, context));
    }
    List<String> ids = new ArrayList<>(actual.ids());
    if (!ids.equals(expected) || actual.count() != expected.size()) {
      fail(where.get() + "\nmembers differ from the reference" + describe(condition, context)
          + "\n" + diff(expected, ids, state));
    }
    Set<String> members = new HashSet<>(expected);
    for (RefContact c : contacts) {
      if (actual.contains(c.id()) != members.contains(c.id())) {
        fail(where.get() + "\ncontains(\"" + c.id() + "\") is " + actual.contains(c.id())
            + " but ids() says " + members.contains(c.id()) + describe(condition, context));
      }
    }
    return false;
  }

  private static String describe(Condition condition, EvaluationContext context) {
    StringBuilder sb = new StringBuilder("\ncontext: now=").append(context.now())
        .append(" zone=").append(context.zone()).append(" today=").append(context.today())
        .append("\ncondition: ").append(condition);
    for (String id : context.segments().ids()) {
      sb.append("\nsaved segment ").append(id).append(": ")
          .append(context.segments().get(id).orElseThrow().condition());
    }
    return sb.toString();
  }

  private static String diff(List<String> expected, List<String> actual,
      ReferenceModel.State state) {
    Map<String, RefContact> byId = new HashMap<>();
    state.contacts().forEach(c -> byId.put(c.id(), c));
    Set<String> missing = new LinkedHashSet<>(expected);
    actual.forEach(missing::remove);
    Set<String> extra = new LinkedHashSet<>(actual);
    expected.forEach(extra::remove);
    StringBuilder sb = new StringBuilder();
    sb.append("expected ").append(expected.size()).append(", index gave ").append(actual.size());
    if (missing.isEmpty() && extra.isEmpty()) {
      sb.append("\nsame members, different order:\n expected ").append(expected)
          .append("\n actual   ").append(actual);
    }
    int shown = 0;
    for (String id : missing) {
      if (shown++ < 5) {
        sb.append("\nmissing from index: ").append(state.describe(byId.get(id)));
      }
    }
    shown = 0;
    for (String id : extra) {
      if (shown++ < 5) {
        sb.append("\nextra in index:     ")
            .append(byId.containsKey(id) ? state.describe(byId.get(id))
                : id + " (no such contact in the reference)");
      }
    }
    return sb.toString();
  }
}
