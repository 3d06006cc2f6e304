package org.segmentdsl.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.segmentdsl.internal.table.IndexData;

/**
 * Orders each conjunction for the evaluator: required children by estimated cardinality, smallest
 * first, so that the running result (passed down as a pre-filter) shrinks as early as possible;
 * excluded children largest first, for the same reason.
 */
final class Planner {
  private final IndexData data;

  private Planner(IndexData data) {
    this.data = data;
  }

  static PlanNode plan(PlanNode node, IndexData data) {
    return new Planner(data).order(node).node;
  }

  private record Estimated(PlanNode node, long estimate) {}

  private Estimated order(PlanNode node) {
    long universe = data.universe().getLongCardinality();
    if (node instanceof PlanNode.Leaf leaf) {
      return new Estimated(node, Math.min(universe, leaf.predicate().estimate(data)));
    }
    if (node instanceof PlanNode.Negation neg) {
      Estimated child = order(neg.child());
      return new Estimated(new PlanNode.Negation(child.node), universe - child.estimate / 2);
    }
    if (node instanceof PlanNode.Or or) {
      List<PlanNode> children = new ArrayList<>();
      long sum = 0;
      for (PlanNode c : or.children()) {
        Estimated e = order(c);
        children.add(e.node);
        sum += e.estimate;
      }
      return new Estimated(new PlanNode.Or(children), Math.min(universe, sum));
    }
    if (node instanceof PlanNode.And and) {
      List<Estimated> must = new ArrayList<>();
      for (PlanNode c : and.must()) {
        must.add(order(c));
      }
      List<Estimated> mustNot = new ArrayList<>();
      for (PlanNode c : and.mustNot()) {
        mustNot.add(order(c));
      }
      must.sort(Comparator.comparingLong(Estimated::estimate));
      mustNot.sort(Comparator.comparingLong(Estimated::estimate).reversed());
      long estimate = must.isEmpty() ? universe : must.get(0).estimate;
      return new Estimated(
          new PlanNode.And(must.stream().map(Estimated::node).toList(),
              mustNot.stream().map(Estimated::node).toList()),
          estimate);
    }
    return new Estimated(node, node == PlanNode.Constant.EVERYONE ? universe : 0);
  }
}
