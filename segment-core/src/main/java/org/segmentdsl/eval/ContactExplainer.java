package org.segmentdsl.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.ContactExplanation;
import org.segmentdsl.ContactExplanation.Evidence;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionWalker;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.table.ContactRow;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;

/**
 * Explains one contact against a condition tree as written ({@link ContactExplanation}), without
 * evaluating any bitmap over the whole index: each leaf runs the evaluator's own predicate within
 * the contact's row (or, below {@code deal} and {@code account}, within the contact's deal rows or
 * account row), the path the live segments take for a few rows; {@code all}, {@code any}, {@code
 * not}, {@code deal} and {@code account} combine their children's answers within the same rows. So
 * every {@code match} is what evaluating that node alone would say, at a cost that grows with the
 * tree and the contact's own data, not with the index.
 */
public final class ContactExplainer implements ConditionWalker.Visitor {
  private final IndexData data;
  private final EvaluationContext context;
  private final Evaluation ev;
  private final int row;
  private final RoaringBitmap contactRows;
  private final RoaringBitmap dealRows;
  private final RoaringBitmap accountRows;
  private ContactRow stored;
  /** Per node entered and not yet left, the results of its children so far. */
  private final Deque<List<Result>> open = new ArrayDeque<>();
  private Result root;

  private record Result(ContactExplanation.Node node, RoaringBitmap rows) {}

  private ContactExplainer(IndexData data, EvaluationContext context, int row) {
    this.data = data;
    this.context = context;
    this.ev = Evaluation.start(context);
    this.row = row;
    this.contactRows = RoaringBitmap.bitmapOf(row);
    this.dealRows = data.relations().relatedRows(Relations.Kind.DEALS, contactRows);
    this.accountRows = data.relations().relatedRows(Relations.Kind.ACCOUNTS, contactRows);
  }

  /**
   * Checks {@code condition} (the condition at {@code pointer} of the segment {@code rootId}, or
   * of an anonymous one) and explains the contact {@code contactId}; null if {@code data} has no
   * such contact.
   *
   * @throws org.segmentdsl.InvalidSegmentException if the condition does not fit the schema
   * @throws org.segmentdsl.EvaluationCancelledException if a limit of {@code context} passes
   */
  public static ContactExplanation explain(IndexData data, String rootId, Condition condition,
      String pointer, EvaluationContext context, String contactId) {
    ConditionChecker.check(data.schema(), context.segments(), rootId, condition, pointer);
    int row = data.rowOf(contactId);
    if (row < 0) {
      return null;
    }
    ContactExplainer explainer = new ContactExplainer(data, context, row);
    ConditionWalker.walk(condition, pointer, explainer);
    return new ContactExplanation(contactId, explainer.root.node().match(),
        explainer.root.node());
  }

  @Override
  public boolean enter(Condition node, ConditionWalker.Place place) {
    open.push(new ArrayList<>());
    return true;
  }

  @Override
  public void leave(Condition node, ConditionWalker.Place place) {
    List<Result> children = open.pop();
    RoaringBitmap candidates = candidates(place.scope());
    RoaringBitmap rows;
    Evidence evidence = Evidence.None.INSTANCE;
    if (node instanceof All) {
      rows = candidates.clone();
      children.forEach(c -> rows.and(c.rows()));
    } else if (node instanceof Any) {
      rows = new RoaringBitmap();
      children.forEach(c -> rows.or(c.rows()));
    } else if (node instanceof Not) {
      rows = RoaringBitmap.andNot(candidates, children.get(0).rows());
    } else if (node instanceof DealCondition || node instanceof AccountCondition) {
      rows = children.get(0).rows().isEmpty() ? new RoaringBitmap() : candidates.clone();
    } else {
      IndexData table = table(place.scope());
      // one plan serves the match and an event's count; none without rows to test (a contact
      // without deals or an account)
      Rewriter.Rewritten plan = candidates.isEmpty() ? null
          : Rewriter.rewrite(table.schema(), node, context, place.pointer());
      rows = plan == null ? new RoaringBitmap() : leafRows(table, plan, candidates);
      evidence = evidence(table, node, plan, place, candidates);
    }
    List<String> deals = place.scope() == ConditionWalker.Scope.DEAL ? dealIds(rows) : List.of();
    ContactExplanation.Node explained = new ContactExplanation.Node(place.pointer(),
        Explainer.describe(node), node.label(), place.scope(), !rows.isEmpty(), deals, evidence,
        children.stream().map(Result::node).toList());
    Result result = new Result(explained, rows);
    if (open.isEmpty()) {
      root = result;
    } else {
      open.peek().add(result);
    }
  }

  private RoaringBitmap candidates(ConditionWalker.Scope scope) {
    return switch (scope) {
      case CONTACT -> contactRows;
      case DEAL -> dealRows;
      case ACCOUNT -> accountRows;
    };
  }

  private IndexData table(ConditionWalker.Scope scope) {
    return switch (scope) {
      case CONTACT -> data;
      case DEAL -> data.relations().deals();
      case ACCOUNT -> data.relations().accounts();
    };
  }

  /** The rows among {@code candidates} where a leaf holds, by the evaluator's own predicate. */
  private RoaringBitmap leafRows(IndexData table, Rewriter.Rewritten plan,
      RoaringBitmap candidates) {
    plan.expectIn(ev, table);
    plan.prepare(ev, table, candidates);
    return BitmapEvaluator.run(plan.plan(), table, candidates, ev);
  }

  private Evidence evidence(IndexData table, Condition leaf, Rewriter.Rewritten plan,
      ConditionWalker.Place place, RoaringBitmap candidates) {
    if (leaf instanceof FieldCondition f) {
      return switch (place.scope()) {
        case CONTACT -> new Evidence.Value(contact().fields().get(f.field()));
        case ACCOUNT -> candidates.isEmpty() ? Evidence.None.INSTANCE
            : new Evidence.Value(table.entityRow(candidates.first()).fields().get(f.field()));
        case DEAL -> {
          Map<String, Object> byId = new TreeMap<>();
          for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
            int deal = it.next();
            byId.put(table.idOf(deal), table.entityRow(deal).fields().get(f.field()));
          }
          yield new Evidence.DealValues(new LinkedHashMap<>(byId));
        }
      };
    } else if (leaf instanceof TagCondition t) {
      List<String> tags = new ArrayList<>();
      for (String tag : contact().tags()) {
        if (t.op().test(tag, t.pattern(), t.ignoreCase())) {
          tags.add(tag);
        }
      }
      tags.sort(null);
      return new Evidence.Tags(tags);
    } else if (leaf instanceof ListCondition l) {
      return new Evidence.Status(contact().lists().get(l.list()));
    } else if (leaf instanceof EventCondition) { // in the contact's scope: a plan was made
      return new Evidence.Count(((Predicate.EventCount) ((PlanNode.Leaf) plan.plan())
          .predicate()).countOf(ev, data, row));
    }
    return Evidence.None.INSTANCE;
  }

  /** The contact's stored row, decoded once. */
  private ContactRow contact() {
    if (stored == null) {
      stored = data.contactRow(row);
    }
    return stored;
  }

  private List<String> dealIds(RoaringBitmap rows) {
    IndexData deals = data.relations().deals();
    List<String> ids = new ArrayList<>(rows.getCardinality());
    rows.forEach((int r) -> ids.add(deals.idOf(r)));
    ids.sort(null);
    return ids;
  }
}
