package org.segmentdsl.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Explanation;
import org.segmentdsl.Names;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionVisitor;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;

/**
 * Builds an {@link Explanation}: the condition tree as written, each node with the rows it matches
 * on its own. Each node's rows are computed once, bottom-up, from its children's, so explaining
 * costs about as much as evaluating without pre-filters.
 */
final class Explainer implements ConditionVisitor<Explainer.Result> {
  record Result(Explanation.Node node, RoaringBitmap rows) {}

  private final IndexData data;
  private final EvaluationContext context;
  private final String pointer;
  private final Explanation.Unit unit;
  /** The referenced segments, each explained before the documents that reference it. */
  private final Map<String, Result> referenced;
  private final ReferenceGraph graph;
  /** The document explained. */
  private final ReferenceGraph.Node document;
  /** The referenced segments shown in full in this document. */
  private final Set<String> shown;
  private final Evaluation ev;

  private Explainer(IndexData data, EvaluationContext context, String pointer,
      Explanation.Unit unit, Map<String, Result> referenced, ReferenceGraph graph,
      ReferenceGraph.Node document, Set<String> shown, Evaluation ev) {
    this.ev = ev;
    this.data = data;
    this.context = context;
    this.pointer = pointer;
    this.unit = unit;
    this.referenced = referenced;
    this.graph = graph;
    this.document = document;
    this.shown = shown;
  }

  /**
   * The explained tree of a checked condition. A referenced segment is shown in full at the
   * reference a walk from the root meets first (descending into each segment there), and by name
   * at the others. The referenced segments are explained first, bottom-up, each once: the stack
   * holds one document's depth at a time, however the references nest.
   */
  static Explanation.Node explain(IndexData data, Condition condition, EvaluationContext context,
      String pointer, Evaluation ev) {
    ReferenceGraph graph = ReferenceGraph.of(null, condition, context.segments());
    Map<String, Result> referenced = new HashMap<>();
    for (ReferenceGraph.Node n : graph.order()) {
      referenced.put(n.id(), n.condition().accept(new Explainer(data, context, pointer,
          Explanation.Unit.CONTACTS, referenced, graph, n, new HashSet<>(), ev)));
    }
    return condition.accept(new Explainer(data, context, pointer, Explanation.Unit.CONTACTS,
        referenced, graph, graph.root(), new HashSet<>(), ev)).node();
  }

  private Result result(Condition c, String description, RoaringBitmap rows,
      List<Explanation.Node> children) {
    return result(c, description, rows, unit, children);
  }

  private static Result result(Condition c, String description, RoaringBitmap rows,
      Explanation.Unit unit, List<Explanation.Node> children) {
    return new Result(new Explanation.Node(description, c.label(), rows.getLongCardinality(),
        unit, children), rows);
  }

  @Override
  public Result visitDeal(DealCondition deal) {
    return related(deal, describe(deal), Relations.Kind.DEALS, deal.where(), Explanation.Unit.DEALS);
  }

  @Override
  public Result visitAccount(AccountCondition account) {
    return related(account, describe(account), Relations.Kind.ACCOUNTS, account.where(),
        Explanation.Unit.ACCOUNTS);
  }

  /** A deal or account node: its sub-tree counts deals or accounts, the node their contacts. */
  private Result related(Condition c, String description, Relations.Kind kind, Condition where,
      Explanation.Unit unit) {
    IndexData table = data.relations().table(kind);
    Result inner = where.accept(new Explainer(table, context, pointer, unit, referenced, graph,
        document, shown, ev));
    return result(c, description, data.relations().contactsOf(kind, inner.rows()),
        Explanation.Unit.CONTACTS, List.of(inner.node()));
  }

  @Override
  public Result visitSegment(SegmentReference ref) {
    String id = ref.segmentId();
    Result inner = referenced.get(id);
    boolean inFull = graph.node(id).foundIn() == document && shown.add(id);
    return result(ref, describe(ref), inner.rows(),
        inFull ? List.of(inner.node()) : List.of());
  }

  @Override
  public Result visitAll(All all) {
    RoaringBitmap rows = data.universe().clone();
    List<Explanation.Node> children = new ArrayList<>();
    for (Condition c : all.conditions()) {
      Result r = c.accept(this);
      rows.and(r.rows());
      children.add(r.node());
    }
    return result(all, describe(all), rows, children);
  }

  @Override
  public Result visitAny(Any any) {
    RoaringBitmap rows = new RoaringBitmap();
    List<Explanation.Node> children = new ArrayList<>();
    for (Condition c : any.conditions()) {
      Result r = c.accept(this);
      rows.or(r.rows());
      children.add(r.node());
    }
    return result(any, describe(any), rows, children);
  }

  @Override
  public Result visitNot(Not not) {
    Result child = not.condition().accept(this);
    RoaringBitmap rows = RoaringBitmap.andNot(data.universe(), child.rows());
    return result(not, describe(not), rows, List.of(child.node()));
  }

  private RoaringBitmap leafRows(Condition c) {
    return BitmapEvaluator.run(Rewriter.rewrite(data.schema(), c, context, pointer).plan(), data,
        ev);
  }

  @Override
  public Result visitTag(TagCondition tag) {
    return result(tag, describe(tag), leafRows(tag), List.of());
  }

  @Override
  public Result visitList(ListCondition list) {
    return result(list, describe(list), leafRows(list), List.of());
  }

  @Override
  public Result visitField(FieldCondition field) {
    return result(field, describe(field), leafRows(field), List.of());
  }

  @Override
  public Result visitEvent(EventCondition event) {
    return result(event, describe(event), leafRows(event), List.of());
  }

  /**
   * One line for any node, as {@link Explanation.Node#description()} shows it: {@code all},
   * {@code deal}, {@code segment "id"}, {@code tag "vip"}, {@code field "country" eq "US"}, ….
   */
  static String describe(Condition c) {
    if (c instanceof All) {
      return "all";
    } else if (c instanceof Any) {
      return "any";
    } else if (c instanceof Not) {
      return "not";
    } else if (c instanceof DealCondition) {
      return "deal";
    } else if (c instanceof AccountCondition) {
      return "account";
    } else if (c instanceof SegmentReference r) {
      return "segment " + Names.quote(r.segmentId());
    } else if (c instanceof TagCondition tag) {
      return "tag " + (tag.op() == TagCondition.Op.EQ ? "" : tag.op().jsonName() + " ")
          + Names.quote(tag.pattern()) + (tag.ignoreCase() ? " ignoreCase" : "");
    } else if (c instanceof ListCondition list) {
      return "list " + Names.quote(list.list()) + " "
          + (list.anyStatus() ? "any status" : list.status().jsonName());
    } else if (c instanceof FieldCondition f) {
      return describe(f);
    }
    return describe((EventCondition) c);
  }

  /** One line for an event condition: {@code event "email_click" where [...] atLeast 2 last P14D}. */
  static String describe(EventCondition e) {
    StringBuilder sb = new StringBuilder("event ").append(Names.quote(e.type()));
    if (!e.filters().isEmpty()) {
      sb.append(e.filters().stream().map(Explainer::describe)
          .collect(Collectors.joining(", ", " where [", "]")));
    }
    if (e.atLeast() != null) {
      sb.append(" atLeast ").append(e.atLeast());
    }
    if (e.atMost() != null) {
      sb.append(" atMost ").append(e.atMost());
    }
    if (e.window() instanceof EventWindow.Last last) {
      sb.append(" last ").append(last.span());
    } else if (e.window() instanceof EventWindow.Range r) {
      if (r.from() != null) {
        sb.append(" from ").append(r.from());
      }
      if (r.to() != null) {
        sb.append(" to ").append(r.to());
      }
    }
    return sb.toString();
  }

  private static String describe(PropertyFilter f) {
    StringBuilder sb = new StringBuilder(Names.escape(f.prop())).append(' ')
        .append(f.op().jsonName());
    appendOperand(sb, f.operand());
    return f.ignoreCase() ? sb.append(" ignoreCase").toString() : sb.toString();
  }

  /** One line for a field condition: {@code field "country" eq "US"}. */
  static String describe(FieldCondition f) {
    StringBuilder sb = new StringBuilder("field ").append(Names.quote(f.field())).append(' ')
        .append(f.op().jsonName());
    appendOperand(sb, f.operand());
    if (f.ignoreCase()) {
      sb.append(" ignoreCase");
    }
    return sb.toString();
  }

  private static void appendOperand(StringBuilder sb, Operand o) {
    if (o instanceof Operand.Single s) {
      sb.append(' ').append(s.value());
    } else if (o instanceof Operand.Values vs) {
      sb.append(vs.values().stream().limit(10).map(Literal::toString)
          .collect(Collectors.joining(", ", " [", vs.values().size() > 10 ? ", …]" : "]")));
    } else if (o instanceof Operand.Range r) {
      sb.append(" [").append(r.lo()).append(", ").append(r.hi()).append(']');
    } else if (o instanceof Operand.Span s) {
      sb.append(' ').append(s.span());
    } else if (o instanceof Operand.Circle c) {
      sb.append(' ').append(c.radius()).append(' ').append(c.unit().jsonName()).append(" of (")
          .append(c.lat()).append(", ").append(c.lon()).append(')');
    }
  }
}
