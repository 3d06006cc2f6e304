package org.segmentdsl.eval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionVisitor;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;
import org.segmentdsl.internal.column.Keys;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;

/**
 * Turns a checked condition tree into a {@link PlanNode} tree for one context: flattens nested
 * {@code all}/{@code any}, removes double negation, turns {@code all(x, not(y))} into an and-not,
 * folds empty groups and constants, and binds every field condition to a typed predicate. This is
 * the one place where relative dates and windows ({@code inLast}, {@code olderThan}, {@code
 * inNext}, {@code anniversary}) become concrete key ranges.
 */
final class Rewriter implements ConditionVisitor<PlanNode> {
  private final Schema schema;
  private final EvaluationContext context;
  private final Deque<String> path = new ArrayDeque<>();
  /**
   * One predicate per referenced segment id, shared by every reference to it in this plan, so
   * that each is evaluated once; all of them are made before the root's plan.
   */
  private final Map<String, Predicate.SegmentMembers> referenced;

  private Rewriter(Schema schema, EvaluationContext context, String pointer,
      Map<String, Predicate.SegmentMembers> referenced) {
    this.schema = schema;
    this.context = context;
    this.referenced = referenced;
    path.push(pointer);
  }

  /**
   * A plan and the shared predicates of the segments it references, directly or not, each after
   * those it references: the order in which {@link #prepare} computes them.
   */
  record Rewritten(PlanNode plan, List<Predicate.SegmentMembers> referenced) {
    Rewritten {
      referenced = List.copyOf(referenced);
    }

    /**
     * Computes, bottom-up, the members among {@code rows} (null: all) of each referenced segment
     * that references others, so that evaluating the plan never descends from one referenced
     * segment into another: the stack holds at most the root's and one referenced segment's
     * depth, however long the chains of references.
     */
    void prepare(Evaluation ev, IndexData data, RoaringBitmap rows) {
      for (Predicate.SegmentMembers m : referenced) {
        if (m.referencesOthers()) {
          m.prepare(ev, data, rows);
        }
      }
    }

    /** {@link Evaluation#expect Expects} the plan and the plans of the segments it references. */
    void expectIn(Evaluation ev, IndexData data) {
      ev.expect(plan, data);
      for (Predicate.SegmentMembers m : referenced) {
        ev.expect(m.plan(), data);
      }
    }

    /** Every matching row of {@code data}, as a new bitmap. */
    RoaringBitmap evaluate(Evaluation ev, IndexData data) {
      expectIn(ev, data);
      prepare(ev, data, null);
      return BitmapEvaluator.run(Planner.plan(plan, data), data, ev);
    }
  }

  /**
   * The plan of a condition that {@link ConditionChecker} accepted, with the plans of the
   * segments it references, each made once, bottom-up.
   */
  static Rewritten rewrite(Schema schema, Condition condition, EvaluationContext context,
      String pointer) {
    ReferenceGraph graph = ReferenceGraph.of(null, condition, context.segments());
    if (graph.hasCycle()) { // the checker refuses cycles; this guards plans built without it
      throw new InvalidSegmentException(pointer, "segment reference cycle");
    }
    Map<String, Predicate.SegmentMembers> referenced = new HashMap<>();
    List<Predicate.SegmentMembers> order = new ArrayList<>();
    for (ReferenceGraph.Node n : graph.order()) {
      PlanNode plan = n.condition().accept(new Rewriter(schema, context, "/where", referenced));
      Predicate.SegmentMembers members = new Predicate.SegmentMembers(n.id(), plan,
          graph.height(n.id()) > 1);
      referenced.put(n.id(), members);
      order.add(members);
    }
    return new Rewritten(condition.accept(new Rewriter(schema, context, pointer, referenced)),
        order);
  }

  private PlanNode child(Condition c, String step) {
    path.push(path.peek() + step);
    try {
      return c.accept(this);
    } finally {
      path.pop();
    }
  }

  @Override
  public PlanNode visitAll(All all) {
    List<PlanNode> must = new ArrayList<>();
    List<PlanNode> mustNot = new ArrayList<>();
    boolean noOne = false;
    for (int i = 0; i < all.conditions().size(); i++) {
      // every child is rewritten, even once one matches no one: its errors must still be raised
      PlanNode n = child(all.conditions().get(i), "/all/" + i);
      if (noOne || n == PlanNode.Constant.NO_ONE) {
        noOne = true;
      } else if (n == PlanNode.Constant.EVERYONE) {
        continue;
      } else if (n instanceof PlanNode.And a) {
        must.addAll(a.must());
        mustNot.addAll(a.mustNot());
      } else if (n instanceof PlanNode.Negation neg) {
        mustNot.add(neg.child());
      } else {
        must.add(n);
      }
    }
    return noOne ? PlanNode.Constant.NO_ONE : and(must, mustNot);
  }

  private static PlanNode and(List<PlanNode> must, List<PlanNode> mustNot) {
    if (must.isEmpty() && mustNot.isEmpty()) {
      return PlanNode.Constant.EVERYONE;
    }
    if (mustNot.isEmpty() && must.size() == 1) {
      return must.get(0);
    }
    if (must.isEmpty() && mustNot.size() == 1) {
      return new PlanNode.Negation(mustNot.get(0));
    }
    return new PlanNode.And(must, mustNot);
  }

  @Override
  public PlanNode visitAny(Any any) {
    List<PlanNode> children = new ArrayList<>();
    boolean everyone = false;
    for (int i = 0; i < any.conditions().size(); i++) {
      // every child is rewritten, even once one matches everyone: its errors must still be raised
      PlanNode n = child(any.conditions().get(i), "/any/" + i);
      if (everyone || n == PlanNode.Constant.EVERYONE) {
        everyone = true;
      } else if (n == PlanNode.Constant.NO_ONE) {
        continue;
      } else if (n instanceof PlanNode.Or o) {
        children.addAll(o.children());
      } else {
        children.add(n);
      }
    }
    if (everyone) {
      return PlanNode.Constant.EVERYONE;
    }
    if (children.isEmpty()) {
      return PlanNode.Constant.NO_ONE;
    }
    return children.size() == 1 ? children.get(0) : new PlanNode.Or(children);
  }

  @Override
  public PlanNode visitNot(Not not) {
    return negate(child(not.condition(), "/not"));
  }

  private static PlanNode negate(PlanNode n) {
    if (n == PlanNode.Constant.EVERYONE) {
      return PlanNode.Constant.NO_ONE;
    }
    if (n == PlanNode.Constant.NO_ONE) {
      return PlanNode.Constant.EVERYONE;
    }
    if (n instanceof PlanNode.Negation neg) {
      return neg.child();
    }
    return new PlanNode.Negation(n);
  }

  @Override
  public PlanNode visitDeal(DealCondition deal) {
    Rewriter inner = new Rewriter(Relations.tableSchema(schema.dealFields()), context,
        path.peek() + "/deal", referenced);
    return leaf(new Predicate.RelatedMatch(Relations.Kind.DEALS, deal.where().accept(inner)));
  }

  @Override
  public PlanNode visitAccount(AccountCondition account) {
    Rewriter inner = new Rewriter(Relations.tableSchema(schema.accountFields()), context,
        path.peek() + "/account", referenced);
    return leaf(new Predicate.RelatedMatch(Relations.Kind.ACCOUNTS,
        account.where().accept(inner)));
  }

  @Override
  public PlanNode visitSegment(SegmentReference ref) {
    Predicate.SegmentMembers shared = referenced.get(ref.segmentId());
    if (shared == null) { // not in the registry: the checker refuses it; this guards without it
      throw new InvalidSegmentException(path.peek() + "/segment",
          "unknown segment \"" + ref.segmentId() + "\"");
    }
    return leaf(shared);
  }

  @Override
  public PlanNode visitTag(TagCondition tag) {
    return leaf(new Predicate.Tag(tag.op(), tag.pattern(), tag.ignoreCase()));
  }

  @Override
  public PlanNode visitList(ListCondition list) {
    Set<ListStatus> statuses = list.anyStatus() ? EnumSet.allOf(ListStatus.class)
        : EnumSet.of(list.status());
    return leaf(new Predicate.ListMember(list.list(), statuses));
  }

  private static PlanNode leaf(Predicate p) {
    return new PlanNode.Leaf(p);
  }

  /**
   * Binds an event condition's window to {@code [from, to)} in epoch microseconds: {@code last D}
   * is {@code now - D < t <= now}; {@code from}/{@code to} bounds are instants or bare dates
   * (midnight in the context's zone), {@code from} inclusive and {@code to} exclusive.
   */
  @Override
  public PlanNode visitEvent(EventCondition e) {
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    if (e.window() instanceof EventWindow.Last last) {
      from = Keys.next(Keys.floorMicros(context.now().minus(last.span().toDuration())));
      to = Keys.next(Keys.floorMicros(context.now()));
    } else if (e.window() instanceof EventWindow.Range r) {
      if (r.from() != null && r.to() != null && !instant(r.from()).isBefore(instant(r.to()))) {
        throw new InvalidSegmentException(path.peek() + "/within",
            "window needs from < to, got from " + instant(r.from()) + " and to "
                + instant(r.to()) + " in zone " + zoneName());
      }
      if (r.from() != null) {
        from = Keys.ceilMicros(instant(r.from()));
      }
      if (r.to() != null) {
        to = Keys.ceilMicros(instant(r.to()));
      }
    }
    return leaf(new Predicate.EventCount(e.type(), e.filters(), e.minCount(), e.maxCount(), from,
        to));
  }

  @Override
  public PlanNode visitField(FieldCondition f) {
    FieldType type = schema.contactFields().get(f.field());
    String name = f.field();
    switch (f.op()) {
      case IS_SET:
        return leaf(new Predicate.IsSet(name));
      case IS_NOT_SET:
        return negate(leaf(new Predicate.IsSet(name)));
      default:
        break;
    }
    return switch (type) {
      case STRING -> string(f);
      case NUMBER, DATE, DATETIME -> ordered(f, type);
      case BOOLEAN -> {
        boolean v = ((Literal.Bool) ((Operand.Single) f.operand()).value()).value();
        yield leaf(new Predicate.BooleanEquals(name, f.op() == FieldOperator.EQ ? v : !v));
      }
      case GEO -> {
        Operand.Circle c = (Operand.Circle) f.operand();
        yield leaf(new Predicate.GeoWithin(name, c.lat(), c.lon(), c.radiusKm()));
      }
    };
  }

  private PlanNode string(FieldCondition f) {
    String name = f.field();
    boolean ic = f.ignoreCase();
    Predicate p = switch (f.op()) {
      case EQ, NEQ -> new Predicate.StringIn(name, Set.of(text(single(f), ic)), ic);
      case IN, NOT_IN -> {
        Set<String> values = new LinkedHashSet<>();
        for (Literal v : ((Operand.Values) f.operand()).values()) {
          values.add(text(v, ic));
        }
        yield new Predicate.StringIn(name, values, ic);
      }
      case CONTAINS, NOT_CONTAINS -> new Predicate.StringMatch(name, TagCondition.Op.CONTAINS,
          text(single(f), false), ic);
      case STARTS_WITH -> new Predicate.StringMatch(name, TagCondition.Op.STARTS_WITH,
          text(single(f), false), ic);
      case ENDS_WITH -> new Predicate.StringMatch(name, TagCondition.Op.ENDS_WITH,
          text(single(f), false), ic);
      default -> throw new IllegalStateException(f.op() + " on a string field");
    };
    return switch (f.op()) {
      case NEQ, NOT_IN, NOT_CONTAINS -> leaf(new Predicate.SetMinus(name, p));
      default -> leaf(p);
    };
  }

  private static Literal single(FieldCondition f) {
    return ((Operand.Single) f.operand()).value();
  }

  private static String text(Literal v, boolean lowerCase) {
    String s = ((Literal.Text) v).value();
    return lowerCase ? s.toLowerCase(Locale.ROOT) : s;
  }

  private PlanNode ordered(FieldCondition f, FieldType type) {
    String name = f.field();
    long min = Long.MIN_VALUE;
    long max = Long.MAX_VALUE;
    switch (f.op()) {
      case EQ:
        return leaf(point(name, type, single(f)));
      case NEQ:
        return leaf(new Predicate.SetMinus(name, point(name, type, single(f))));
      case IN:
      case NOT_IN: {
        List<Literal> values = ((Operand.Values) f.operand()).values();
        long[] keys = new long[values.size()];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = Keys.ofNumber(((Literal.Number) values.get(i)).value());
        }
        Predicate p = new Predicate.KeyRanges(name, keys, keys.clone());
        return leaf(f.op() == FieldOperator.IN ? p : new Predicate.SetMinus(name, p));
      }
      case GT:
        return range(name, Keys.next(floor(type, single(f))), max);
      case GTE:
        return range(name, ceil(type, single(f)), max);
      case LT:
        return range(name, min, Keys.previous(ceil(type, single(f))));
      case LTE:
        return range(name, min, floor(type, single(f)));
      case BETWEEN: {
        Operand.Range r = (Operand.Range) f.operand();
        if (type == FieldType.DATETIME && instant(r.lo()).isAfter(instant(r.hi()))) {
          throw new InvalidSegmentException(path.peek() + "/value",
              "between needs lo <= hi, got [" + instant(r.lo()) + ", " + instant(r.hi())
                  + "] in zone " + zoneName());
        }
        return range(name, ceil(type, r.lo()), floor(type, r.hi()));
      }
      case IN_LAST:
      case OLDER_THAN:
      case IN_NEXT:
        return window(f, type, ((Operand.Span) f.operand()).span());
      case ANNIVERSARY:
        return leaf(new Predicate.MonthDays(name, anniversaryDays(context.today())));
      default:
        throw new IllegalStateException(f.op() + " on a " + type + " field");
    }
  }

  private static PlanNode range(String field, long lo, long hi) {
    return leaf(Predicate.KeyRanges.of(field, lo, hi));
  }

  private Predicate point(String field, FieldType type, Literal v) {
    long lo = ceil(type, v);
    long hi = floor(type, v);
    return Predicate.KeyRanges.of(field, lo, hi); // empty when v falls between two keys
  }

  /** The largest key {@code <= v}. */
  private long floor(FieldType type, Literal v) {
    return switch (type) {
      case NUMBER -> Keys.ofNumber(((Literal.Number) v).value());
      case DATE -> Keys.ofDate(date(v));
      default -> Keys.floorMicros(instant(v));
    };
  }

  /** The smallest key {@code >= v}. */
  private long ceil(FieldType type, Literal v) {
    return switch (type) {
      case NUMBER -> Keys.ofNumber(((Literal.Number) v).value());
      case DATE -> Keys.ofDate(date(v));
      default -> Keys.ceilMicros(instant(v));
    };
  }

  private static LocalDate date(Literal v) {
    return ((Literal.Text) v).asDate().orElseThrow();
  }

  /** An instant, or a bare date read as its midnight in the context's zone. */
  private Instant instant(Literal v) {
    Literal.Text t = (Literal.Text) v;
    return t.asInstant().orElseGet(() -> context.startOf(t.asDate().orElseThrow()));
  }

  /**
   * {@code inLast}, {@code olderThan} and {@code inNext}. Date fields count calendar days from
   * {@code today} in the context's zone: {@code inLast N} is {@code today - N < v <= today}.
   * Datetime fields count exact time from {@code now}: {@code inLast D} is {@code now - D < v <=
   * now}.
   */
  private PlanNode window(FieldCondition f, FieldType type, TimeSpan span) {
    String name = f.field();
    if (type == FieldType.DATE) {
      long today = context.today().toEpochDay();
      long n = span.totalDays();
      return switch (f.op()) {
        case IN_LAST -> range(name, today - n + 1, today);
        case OLDER_THAN -> range(name, Long.MIN_VALUE, today - n);
        default -> range(name, today, today + n - 1);
      };
    }
    Instant now = context.now();
    Instant edge = f.op() == FieldOperator.IN_NEXT ? now.plus(span.toDuration())
        : now.minus(span.toDuration());
    return switch (f.op()) {
      case IN_LAST -> range(name, Keys.next(Keys.floorMicros(edge)), Keys.floorMicros(now));
      case OLDER_THAN -> range(name, Long.MIN_VALUE, Keys.floorMicros(edge));
      default -> range(name, Keys.ceilMicros(now), Keys.previous(Keys.ceilMicros(edge)));
    };
  }

  /** Month-days that count as today's anniversary: 28 February also takes 29 February off leap years. */
  static List<MonthDay> anniversaryDays(LocalDate today) {
    MonthDay md = MonthDay.from(today);
    if (md.equals(MonthDay.of(2, 28)) && !Year.isLeap(today.getYear())) {
      return List.of(md, MonthDay.of(2, 29));
    }
    return List.of(md);
  }

  /** The context's zone as users write it: {@code UTC} rather than {@code Z}. */
  private String zoneName() {
    return context.zone().equals(ZoneOffset.UTC) ? "UTC" : context.zone().getId();
  }

}
