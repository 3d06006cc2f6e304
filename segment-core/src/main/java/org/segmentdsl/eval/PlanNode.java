package org.segmentdsl.eval;

import java.util.List;

/**
 * The rewritten form of a condition tree that the evaluator runs: nested groups flattened, double
 * negations removed, {@code all(x, not(y))} as an and-not, constants folded, and field conditions
 * bound to typed {@link Predicate}s for the schema and context.
 */
sealed interface PlanNode {

  /** Rows matching every {@code must} and no {@code mustNot}; with no {@code must}, everyone. */
  record And(List<PlanNode> must, List<PlanNode> mustNot) implements PlanNode {
    public And {
      must = List.copyOf(must);
      mustNot = List.copyOf(mustNot);
    }
  }

  /** Rows matching at least one child. */
  record Or(List<PlanNode> children) implements PlanNode {
    public Or {
      children = List.copyOf(children);
    }
  }

  /** The universe minus the child. */
  record Negation(PlanNode child) implements PlanNode {}

  /** A predicate over one column. */
  record Leaf(Predicate predicate) implements PlanNode {}

  /** Everyone or no one. */
  enum Constant implements PlanNode {
    EVERYONE,
    NO_ONE
  }
}
