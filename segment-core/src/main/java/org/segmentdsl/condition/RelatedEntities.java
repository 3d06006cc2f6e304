package org.segmentdsl.condition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/** The rule shared by {@link DealCondition} and {@link AccountCondition}. */
final class RelatedEntities {
  private RelatedEntities() {}

  /**
   * Checks that a deal or account condition is built only from {@code all}, {@code any}, {@code
   * not} and {@code field}. Walks the tree without recursion, so a deep tree cannot overflow the
   * stack here (its depth is checked before evaluation).
   */
  static void checkBuildingBlocks(String entity, Condition where) {
    Objects.requireNonNull(where, "where");
    Deque<Condition> todo = new ArrayDeque<>();
    todo.push(where);
    while (!todo.isEmpty()) {
      Condition c = todo.pop();
      if (c instanceof All a) {
        a.conditions().forEach(todo::push);
      } else if (c instanceof Any a) {
        a.conditions().forEach(todo::push);
      } else if (c instanceof Not n) {
        todo.push(n.condition());
      } else if (!(c instanceof FieldCondition)) {
        throw new IllegalArgumentException(entity + " conditions are built only from all, any, "
            + "not and field conditions, not " + kindOf(c));
      }
    }
  }

  /** The JSON kind key of a condition, for messages. */
  static String kindOf(Condition c) {
    if (c instanceof TagCondition) {
      return "tag";
    } else if (c instanceof ListCondition) {
      return "list";
    } else if (c instanceof EventCondition) {
      return "event";
    } else if (c instanceof SegmentReference) {
      return "segment";
    } else if (c instanceof DealCondition) {
      return "deal";
    } else if (c instanceof AccountCondition) {
      return "account";
    }
    return c.getClass().getSimpleName();
  }
}
