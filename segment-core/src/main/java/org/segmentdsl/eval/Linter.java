package org.segmentdsl.eval;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.LintFinding;
import org.segmentdsl.LintFinding.Code;
import org.segmentdsl.Names;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionWalker;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.Suggestions;
import org.segmentdsl.internal.column.StringColumn;
import org.segmentdsl.internal.table.IndexData;

/**
 * Finds what is probably wrong in a valid segment ({@link LintFinding}): walks the tree as
 * written ({@link ConditionWalker}) and reasons over each {@code all} and {@code any} node's
 * children (value sets and ranges per field, a condition beside its negation, event counts that
 * exclude or complete each other, repeated children), looks each tag, list, event type and
 * string value up in the index, then evaluates the whole segment once for {@code empty} and
 * {@code everyone}.
 *
 * <p>The reasoning is sound, not complete: {@code never-matches} and {@code always-matches} are
 * reported only when they hold whatever the data, from what each condition says on its own;
 * conditions it cannot reason about (relative dates, geo, patterns beside a range, nested
 * groups) are left out of the reasoning, never guessed at.
 */
public final class Linter implements ConditionWalker.Visitor {
  /** "Did you mean": at most this many edits away, ignoring case (insight.md). */
  static final int CLOSEST = 2;

  private final IndexData data;
  private final EvaluationContext context;
  private final List<LintFinding> findings = new ArrayList<>();
  private Set<String> tags;
  private Set<String> lists;
  private Set<String> types;

  private Linter(IndexData data, EvaluationContext context) {
    this.data = data;
    this.context = context;
  }

  /**
   * Checks {@code condition} (the {@code where} of the segment {@code rootId}, or of an anonymous
   * one) and lints it.
   *
   * @throws org.segmentdsl.InvalidSegmentException if the condition does not fit the schema
   * @throws org.segmentdsl.EvaluationCancelledException if a limit of {@code context} passes
   */
  public static List<LintFinding> lint(IndexData data, String rootId, Condition condition,
      EvaluationContext context) {
    ConditionChecker.check(data.schema(), context.segments(), rootId, condition, "/where");
    Linter linter = new Linter(data, context);
    ConditionWalker.walk(condition, "/where", linter);
    RoaringBitmap members =
        SegmentEvaluator.evaluate(data, rootId, condition, "/where", context);
    long all = data.universe().getLongCardinality();
    if (members.isEmpty()) {
      linter.report("/where", Code.EMPTY, "the segment matches no contact now (of " + all + ")");
    } else if (members.getLongCardinality() == all) {
      linter.report("/where", Code.EVERYONE, "the segment matches every contact now (" + all
          + ")");
    }
    return List.copyOf(linter.findings);
  }

  private void report(String pointer, Code code, String message) {
    findings.add(new LintFinding(pointer, code, message));
  }

  @Override
  public boolean enter(Condition node, ConditionWalker.Place place) {
    if (node instanceof All all) {
      group(all.conditions(), place, true);
    } else if (node instanceof Any any) {
      group(any.conditions(), place, false);
    } else if (node instanceof TagCondition tag && tag.op() == TagCondition.Op.EQ) {
      unknownTag(tag, place.pointer());
    } else if (node instanceof ListCondition list) {
      unknownList(list, place.pointer());
    } else if (node instanceof EventCondition event) {
      unknownEvent(event, place.pointer());
    } else if (node instanceof FieldCondition field) {
      unknownValue(field, place);
    }
    return true;
  }

  // ------------------------------------------------------------------ all and any

  /** Duplicates, then what makes the group constant: {@code all} if {@code conjunction}. */
  private void group(List<Condition> children, ConditionWalker.Place place,
      boolean conjunction) {
    String kind = conjunction ? "all" : "any";
    for (int j = 1; j < children.size(); j++) {
      for (int i = 0; i < j; i++) {
        if (unlabelled(children.get(i)).equals(unlabelled(children.get(j)))) {
          report(child(place, kind, j), Code.DUPLICATE, "the same condition as "
              + child(place, kind, i) + " in this " + kind + ": " + Explainer.describe(
                  children.get(j)));
          break;
        }
      }
    }
    Code constant = conjunction ? Code.NEVER_MATCHES : Code.ALWAYS_MATCHES;
    String says = conjunction ? "can match no contact" : "matches every contact";
    if (children.isEmpty()) {
      report(place.pointer(), conjunction ? Code.ALWAYS_MATCHES : Code.NEVER_MATCHES,
          "an empty " + kind + (conjunction ? " matches every contact" : " matches no contact"));
      return;
    }
    String why = negationPair(children, place, kind);
    if (why == null) {
      why = eventCounts(children, place, kind, conjunction);
    }
    if (why == null) {
      why = conjunction ? fieldConflict(children, place)
          : setAndNotSet(children, place, kind);
    }
    if (why != null) {
      report(place.pointer(), constant, "this " + kind + " " + says + " whatever the data: "
          + why);
    }
  }

  private static String child(ConditionWalker.Place place, String kind, int i) {
    return place.pointer() + "/" + kind + "/" + i;
  }

  private static Condition unlabelled(Condition c) {
    return c.label() == null ? c : c.withLabel(null);
  }

  /** A child beside its own negation: {@code X} and {@code not X}. */
  private static String negationPair(List<Condition> children, ConditionWalker.Place place,
      String kind) {
    for (int j = 0; j < children.size(); j++) {
      if (children.get(j) instanceof Not not) {
        Condition x = unlabelled(not.condition());
        for (int i = 0; i < children.size(); i++) {
          if (i != j && unlabelled(children.get(i)).equals(x)) {
            return "it holds " + Explainer.describe(children.get(i)) + " ("
                + child(place, kind, i) + ") and its negation (" + child(place, kind, j) + ")";
          }
        }
      }
    }
    return null;
  }

  /**
   * Two event conditions that differ only in their counts: in an {@code all}, counts that no
   * number satisfies both; in an {@code any}, counts that every number satisfies one of.
   */
  private static String eventCounts(List<Condition> children, ConditionWalker.Place place,
      String kind, boolean conjunction) {
    for (int i = 0; i < children.size(); i++) {
      if (!(children.get(i) instanceof EventCondition a)) {
        continue;
      }
      for (int j = i + 1; j < children.size(); j++) {
        if (!(children.get(j) instanceof EventCondition b) || !a.type().equals(b.type())
            || !a.filters().equals(b.filters()) || !Objects.equals(a.window(),
                b.window())) {
          continue;
        }
        EventCondition lo = a.minCount() <= b.minCount() ? a : b;
        EventCondition hi = lo == a ? b : a;
        boolean apart = lo.maxCount() < hi.minCount();
        boolean cover = lo.minCount() == 0 && hi.maxCount() == Integer.MAX_VALUE
            && (long) lo.maxCount() + 1 >= hi.minCount();
        if (conjunction ? apart : cover) {
          return "the counts of " + Explainer.describe(a) + " (" + child(place, kind, i)
              + ") and " + Explainer.describe(b) + " (" + child(place, kind, j) + ") "
              + (conjunction ? "exclude each other" : "cover every count");
        }
      }
    }
    return null;
  }

  /** In an {@code any}: {@code isSet} and {@code isNotSet} of one field. */
  private static String setAndNotSet(List<Condition> children, ConditionWalker.Place place,
      String kind) {
    Map<String, Integer> set = new LinkedHashMap<>();
    Map<String, Integer> notSet = new LinkedHashMap<>();
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i) instanceof FieldCondition f) {
        if (f.op() == FieldOperator.IS_SET) {
          set.putIfAbsent(f.field(), i);
        } else if (f.op() == FieldOperator.IS_NOT_SET) {
          notSet.putIfAbsent(f.field(), i);
        }
      }
    }
    for (Map.Entry<String, Integer> e : set.entrySet()) {
      Integer other = notSet.get(e.getKey());
      if (other != null) {
        return "field " + Names.quote(e.getKey()) + " is set (" + child(place, kind, e.getValue())
            + ") or not set (" + child(place, kind, other) + ")";
      }
    }
    return null;
  }

  /** In an {@code all}: field conditions on one field that no value satisfies together. */
  private String fieldConflict(List<Condition> children, ConditionWalker.Place place) {
    Map<String, List<FieldCondition>> byField = new LinkedHashMap<>();
    for (Condition c : children) {
      if (c instanceof FieldCondition f) {
        byField.computeIfAbsent(f.field(), k -> new ArrayList<>()).add(f);
      }
    }
    Map<String, FieldType> types = switch (place.scope()) {
      case CONTACT -> data.schema().contactFields();
      case DEAL -> data.schema().dealFields();
      case ACCOUNT -> data.schema().accountFields();
    };
    for (Map.Entry<String, List<FieldCondition>> e : byField.entrySet()) {
      if (e.getValue().size() > 1
          && !FieldValues.satisfiable(types.get(e.getKey()), e.getValue(), context)) {
        List<String> said = new ArrayList<>();
        String prefix = "field " + Names.quote(e.getKey()) + " ";
        e.getValue().forEach(f -> said.add(Explainer.describe(f).substring(prefix.length())));
        return "no value of field " + Names.quote(e.getKey()) + " satisfies all of "
            + String.join(", ", said);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ names the index has

  private void unknownTag(TagCondition tag, String pointer) {
    if (tags == null) {
      tags = new TreeSet<>();
      data.tags().forEach((t, rows) -> {
        if (!rows.isEmpty()) {
          tags.add(t);
        }
      });
    }
    if (tags.contains(tag.pattern()) || tag.ignoreCase() && tags.stream()
        .anyMatch(t -> lower(t).equals(lower(tag.pattern())))) {
      return;
    }
    report(pointer, Code.UNKNOWN_TAG, "no contact carries the tag " + Names.quote(tag.pattern())
        + didYouMean(tag.pattern(), tags));
  }

  private void unknownList(ListCondition list, String pointer) {
    if (lists == null) {
      lists = new TreeSet<>();
      data.lists().forEach((key, rows) -> {
        if (!rows.isEmpty()) {
          lists.add(key.list());
        }
      });
    }
    if (!lists.contains(list.list())) {
      report(pointer, Code.UNKNOWN_LIST, "no contact is on the list " + Names.quote(list.list())
          + didYouMean(list.list(), lists));
    }
  }

  private void unknownEvent(EventCondition event, String pointer) {
    if (types == null) {
      types = new TreeSet<>();
      data.events().types().forEach(types::add);
    }
    if (!types.contains(event.type())) {
      report(pointer, Code.UNKNOWN_EVENT, "no event of type " + Names.quote(event.type())
          + " was ever recorded" + didYouMean(event.type(), types));
    }
  }

  /** {@code ; did you mean "x"?}: the closest name within {@value #CLOSEST} edits, or nothing. */
  private static String didYouMean(String name, Collection<String> names) {
    String closest = Suggestions.closest(name, names, CLOSEST);
    return closest == null ? "" : "; did you mean " + Names.quote(closest) + "?";
  }

  /** A string field's {@code eq}/{@code in} value absent as written but present in another case. */
  private void unknownValue(FieldCondition f, ConditionWalker.Place place) {
    if (f.ignoreCase() || f.op() != FieldOperator.EQ && f.op() != FieldOperator.IN) {
      return;
    }
    IndexData table = switch (place.scope()) {
      case CONTACT -> data;
      case DEAL -> data.relations().deals();
      case ACCOUNT -> data.relations().accounts();
    };
    if (!(table.fields().get(f.field()) instanceof StringColumn column)) {
      return;
    }
    List<Literal> values = f.operand() instanceof Operand.Values vs ? vs.values()
        : List.of(((Operand.Single) f.operand()).value());
    Set<String> absent = new HashSet<>();
    for (Literal v : values) {
      if (v instanceof Literal.Text t && isEmpty(column.values().get(t.value()))) {
        absent.add(t.value());
      }
    }
    if (absent.isEmpty()) {
      return;
    }
    Map<String, String> variants = new LinkedHashMap<>(); // normalised absent value -> absent
    absent.forEach(a -> variants.put(lower(a.strip()), a));
    Map<String, String> found = new LinkedHashMap<>(); // absent value -> an existing variant
    column.values().forEach((value, rows) -> {
      String a = variants.get(lower(value.strip()));
      if (a != null && !rows.isEmpty() && !found.containsKey(a)) {
        found.put(a, value);
      }
    });
    for (Literal v : values) {
      String a = ((Literal.Text) v).value();
      String existing = found.remove(a);
      if (existing != null) {
        report(place.pointer(), Code.UNKNOWN_VALUE, "no " + whose(place) + " has "
            + Names.quote(a) + " in field " + Names.quote(f.field()) + ", but "
            + Names.quote(existing) + " exists (they differ in letter case or spaces)");
      }
    }
  }

  private static String whose(ConditionWalker.Place place) {
    return switch (place.scope()) {
      case CONTACT -> "contact";
      case DEAL -> "deal";
      case ACCOUNT -> "account";
    };
  }

  private static boolean isEmpty(RoaringBitmap rows) {
    return rows == null || rows.isEmpty();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether some value can satisfy every one of several conditions on one field. Sound: false
   * only when no value can, whatever the data; conditions it does not model (relative dates,
   * anniversaries, geo, string patterns without a value set) are taken as satisfiable.
   */
  static final class FieldValues {
    private FieldValues() {}

    static boolean satisfiable(FieldType type, List<FieldCondition> conditions,
        EvaluationContext context) {
      boolean notSet = false;
      boolean needsSet = false;
      for (FieldCondition f : conditions) {
        if (f.op() == FieldOperator.IS_NOT_SET) {
          notSet = true;
        } else {
          needsSet = true; // every other operator holds only for a set value (neq too)
        }
      }
      if (notSet) {
        return !needsSet;
      }
      return switch (type) {
        case STRING -> strings(conditions);
        case BOOLEAN -> booleans(conditions);
        case NUMBER, DATE, DATETIME -> ordered(type, conditions, context);
        case GEO -> true;
      };
    }

    private static boolean booleans(List<FieldCondition> conditions) {
      Set<Boolean> left = new HashSet<>(List.of(true, false));
      for (FieldCondition f : conditions) {
        if (f.operand() instanceof Operand.Single s && s.value() instanceof Literal.Bool b) {
          if (f.op() == FieldOperator.EQ) {
            left.retainAll(Set.of(b.value()));
          } else if (f.op() == FieldOperator.NEQ) {
            left.remove(b.value());
          }
        }
      }
      return !left.isEmpty();
    }

    /**
     * Strings: the values {@code eq}/{@code in} allow (exactly, or in lower case with {@code
     * ignoreCase}), less those {@code neq}/{@code notIn} exclude and those a pattern refuses.
     * Without an exact value set, the lower-case set is tested against the ignoreCase
     * conditions only (a value may be written in any case).
     */
    private static boolean strings(List<FieldCondition> conditions) {
      Set<String> exact = null;
      Set<String> folded = null;
      for (FieldCondition f : conditions) {
        if (f.op() == FieldOperator.EQ || f.op() == FieldOperator.IN) {
          Set<String> values = new HashSet<>();
          for (Literal v : literals(f)) {
            values.add(f.ignoreCase() ? lower(text(v)) : text(v));
          }
          if (f.ignoreCase()) {
            folded = folded == null ? values : retain(folded, values);
          } else {
            exact = exact == null ? values : retain(exact, values);
          }
        }
      }
      if (exact != null) {
        for (String v : exact) {
          if (allHold(conditions, v, false)) {
            return true;
          }
        }
        return false;
      }
      if (folded != null) {
        for (String v : folded) {
          if (allHold(conditions, v, true)) {
            return true;
          }
        }
        return false;
      }
      return true;
    }

    private static Set<String> retain(Set<String> a, Set<String> b) {
      a.retainAll(b);
      return a;
    }

    /**
     * Whether the string {@code v} passes every condition; with {@code foldedOnly}, {@code v} is
     * a lower-case form and only the ignoreCase conditions are tested.
     */
    private static boolean allHold(List<FieldCondition> conditions, String v,
        boolean foldedOnly) {
      for (FieldCondition f : conditions) {
        if (foldedOnly && !f.ignoreCase()) {
          continue;
        }
        if (!holds(f, v)) {
          return false;
        }
      }
      return true;
    }

    private static boolean holds(FieldCondition f, String v) {
      String value = f.ignoreCase() ? lower(v) : v;
      return switch (f.op()) {
        case EQ, IN -> contains(f, value);
        case NEQ, NOT_IN -> !contains(f, value);
        case CONTAINS -> TagCondition.Op.CONTAINS.test(v, pattern(f), f.ignoreCase());
        case NOT_CONTAINS -> !TagCondition.Op.CONTAINS.test(v, pattern(f), f.ignoreCase());
        case STARTS_WITH -> TagCondition.Op.STARTS_WITH.test(v, pattern(f), f.ignoreCase());
        case ENDS_WITH -> TagCondition.Op.ENDS_WITH.test(v, pattern(f), f.ignoreCase());
        default -> true;
      };
    }

    private static boolean contains(FieldCondition f, String value) {
      for (Literal l : literals(f)) {
        if ((f.ignoreCase() ? lower(text(l)) : text(l)).equals(value)) {
          return true;
        }
      }
      return false;
    }

    private static String pattern(FieldCondition f) {
      return text(((Operand.Single) f.operand()).value());
    }

    private static List<Literal> literals(FieldCondition f) {
      return f.operand() instanceof Operand.Values vs ? vs.values()
          : List.of(((Operand.Single) f.operand()).value());
    }

    private static String text(Literal l) {
      return ((Literal.Text) l).value();
    }

    /**
     * Numbers, dates and datetimes: the points {@code eq}/{@code in} allow within the bounds of
     * {@code gt}...{@code between}, less the excluded points. Numbers and dates are discrete
     * here ({@code gt x} is {@code gte} the next double or day); datetimes are taken as
     * continuous, which only ever finds fewer conflicts.
     */
    private static boolean ordered(FieldType type, List<FieldCondition> conditions,
        EvaluationContext context) {
      Comparable<Object> lo = null;
      boolean loOpen = false;
      Comparable<Object> hi = null;
      boolean hiOpen = false;
      Set<Object> points = null;
      Set<Object> excluded = new HashSet<>();
      for (FieldCondition f : conditions) {
        List<Object> keys = new ArrayList<>();
        if (f.operand() instanceof Operand.Single s) {
          keys.add(key(type, s.value(), context));
        } else if (f.operand() instanceof Operand.Values vs) {
          vs.values().forEach(v -> keys.add(key(type, v, context)));
        } else if (f.operand() instanceof Operand.Range r) {
          keys.add(key(type, r.lo(), context));
          keys.add(key(type, r.hi(), context));
        }
        if (keys.contains(null)) {
          continue; // a value this reasoning cannot place: left out
        }
        switch (f.op()) {
          case EQ, IN -> {
            Set<Object> allowed = new HashSet<>(keys);
            points = points == null ? allowed : retainObjects(points, allowed);
          }
          case NEQ, NOT_IN -> excluded.addAll(keys);
          case GT, GTE -> {
            Object k = f.op() == FieldOperator.GT ? after(type, keys.get(0)) : keys.get(0);
            boolean open = f.op() == FieldOperator.GT && type == FieldType.DATETIME;
            if (lo == null || compare(k, lo) > 0 || compare(k, lo) == 0 && open) {
              lo = comparable(k);
              loOpen = open;
            }
          }
          case LT, LTE -> {
            Object k = f.op() == FieldOperator.LT ? before(type, keys.get(0)) : keys.get(0);
            boolean open = f.op() == FieldOperator.LT && type == FieldType.DATETIME;
            if (hi == null || compare(k, hi) < 0 || compare(k, hi) == 0 && open) {
              hi = comparable(k);
              hiOpen = open;
            }
          }
          case BETWEEN -> {
            if (lo == null || compare(keys.get(0), lo) > 0) {
              lo = comparable(keys.get(0));
              loOpen = false;
            }
            if (hi == null || compare(keys.get(1), hi) < 0) {
              hi = comparable(keys.get(1));
              hiOpen = false;
            }
          }
          default -> { } // inLast, olderThan, inNext, anniversary: not modelled
        }
      }
      if (points != null) {
        for (Object p : points) {
          if (!excluded.contains(p) && inside(p, lo, loOpen, hi, hiOpen)) {
            return true;
          }
        }
        return false;
      }
      if (lo == null || hi == null) {
        return true;
      }
      int c = lo.compareTo(hi);
      if (c > 0 || c == 0 && (loOpen || hiOpen)) {
        return false;
      }
      return c != 0 || !excluded.contains(lo); // a single point, unless excluded
    }

    private static Set<Object> retainObjects(Set<Object> a, Set<Object> b) {
      a.retainAll(b);
      return a;
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object k) {
      return (Comparable<Object>) k;
    }

    private static int compare(Object a, Comparable<Object> b) {
      return comparable(a).compareTo(b);
    }

    private static boolean inside(Object p, Comparable<Object> lo, boolean loOpen,
        Comparable<Object> hi, boolean hiOpen) {
      if (lo != null) {
        int c = comparable(p).compareTo(lo);
        if (c < 0 || c == 0 && loOpen) {
          return false;
        }
      }
      if (hi != null) {
        int c = comparable(p).compareTo(hi);
        return c < 0 || c == 0 && !hiOpen;
      }
      return true;
    }

    /** A comparable key of a value: a Double, a LocalDate or an Instant; null if unplaceable. */
    private static Object key(FieldType type, Literal v, EvaluationContext context) {
      if (type == FieldType.NUMBER) {
        return v instanceof Literal.Number n ? n.value() + 0.0 : null; // -0.0 is 0.0
      }
      if (!(v instanceof Literal.Text t)) {
        return null;
      }
      if (type == FieldType.DATE) {
        return t.asDate().orElse(null);
      }
      Instant i = t.asInstant().orElse(null);
      if (i == null && t.asDate().isPresent()) {
        i = context.startOf(t.asDate().get());
      }
      return i;
    }

    private static Object after(FieldType type, Object k) {
      return switch (type) {
        case NUMBER -> Math.nextUp((Double) k);
        case DATE -> ((LocalDate) k).plusDays(1);
        default -> k;
      };
    }

    private static Object before(FieldType type, Object k) {
      return switch (type) {
        case NUMBER -> Math.nextDown((Double) k);
        case DATE -> ((LocalDate) k).minusDays(1);
        default -> k;
      };
    }
  }
}
