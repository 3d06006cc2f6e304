package org.segmentdsl.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.Names;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionWalker;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.internal.Suggestions;

/**
 * Checks a condition tree against a schema and the format's limits before anything is evaluated:
 * unknown fields (with the closest declared name), operators that do not apply to the field's type,
 * values of the wrong type, nesting deeper than {@value #MAX_DEPTH}, more than {@value
 * #MAX_CONDITIONS} conditions, references to unknown segments and reference cycles. Collects every
 * problem (up to 100) with its JSON Pointer.
 */
public final class ConditionChecker {
  /** Deepest nesting of groups ({@code all}, {@code any}, {@code not}, {@code deal}, {@code account}). */
  public static final int MAX_DEPTH = 32;

  /** Most conditions in one tree. */
  public static final int MAX_CONDITIONS = 10_000;

  /**
   * Longest chain of segment references followed from one segment ({@code a -> b -> c ...}), that
   * segment included.
   */
  public static final int MAX_REFERENCE_DEPTH = 64;

  /** Ids a message names of a chain or cycle that is too long to name in full. */
  private static final int NAMED_IDS = 4;

  /** Cycles up to this many segments are named in full. */
  private static final int LONGEST_CYCLE_NAMED = 8;

  /** Segments a problem found through references names before it skips to the last one. */
  private static final int NAMED_HOPS = 2;

  private final Schema schema;
  private final SegmentRegistry registry;
  /** The saved segments reached from the root; null when only the limits are checked. */
  private final ReferenceGraph graph;
  /** The document being checked. */
  private final ReferenceGraph.Node document;
  /** The problems of each referenced segment checked so far, in its own document. */
  private final Map<String, List<Found>> checked;
  /**
   * For the root: 1 if its id starts the chains of references it begins, 0 if not; -1 for a
   * referenced segment (chains are measured from the root only).
   */
  private final int chainStart;
  private final List<Found> problems = new ArrayList<>();
  private int conditions;

  private ConditionChecker(Schema schema, SegmentRegistry registry, ReferenceGraph graph,
      ReferenceGraph.Node document, Map<String, List<Found>> checked, int chainStart) {
    this.schema = schema;
    this.registry = registry;
    this.graph = graph;
    this.document = document;
    this.checked = checked;
    this.chainStart = chainStart;
  }

  /** A step of a problem found through references: into segment {@code id}, at {@code pointer}. */
  private record Hop(String id, String pointer) {}

  /**
   * A problem of one document: at {@code pointer}, or at the reference there that leads,
   * {@code through} referenced segments, to the document it is in (at the last hop's pointer).
   * A cycle is reported as it is wherever it is reached from.
   */
  private record Found(String pointer, List<Hop> through, String message, boolean cycle) {
    Problem problem() {
      if (through.isEmpty()) {
        return new Problem(pointer, message);
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < through.size(); i++) {
        if (i == NAMED_HOPS && through.size() > NAMED_HOPS + 1) {
          sb.append("(through ").append(through.size() - NAMED_HOPS - 1)
              .append(" more segments) ");
          i = through.size() - 1;
        }
        Hop hop = through.get(i);
        sb.append("in segment \"").append(hop.id()).append("\": ");
        if (!hop.pointer().isEmpty()) {
          sb.append(hop.pointer()).append(": ");
        }
      }
      return new Problem(pointer, sb.append(message).toString());
    }
  }

  /**
   * Checks {@code condition}, whose JSON Pointer in its document is {@code pointer}, without
   * saved segments to resolve references against.
   *
   * @throws InvalidSegmentException listing every problem found
   */
  public static void check(Schema schema, Condition condition, String pointer) {
    check(schema, SegmentRegistry.empty(), null, condition, pointer);
  }

  /**
   * Checks {@code condition}, whose JSON Pointer in its document is {@code pointer}, and every
   * segment it references through {@code registry}, directly or not. Each referenced segment is
   * checked once, in its own document, before the segments that reference it: the stack this
   * takes does not grow with the chains of references.
   *
   * @param rootId the id of the segment {@code condition} belongs to (to name a cycle back to
   *     it, and to count it in a chain of references), or {@code null}
   * @throws InvalidSegmentException listing every problem found
   */
  public static void check(Schema schema, SegmentRegistry registry, String rootId,
      Condition condition, String pointer) {
    ReferenceGraph graph = ReferenceGraph.of(rootId, condition, registry);
    Map<String, List<Found>> checked = new HashMap<>();
    for (ReferenceGraph.Node n : graph.order()) {
      ConditionChecker inner = new ConditionChecker(schema, registry, graph, n, checked, -1);
      inner.visit(n.condition(), "/where");
      checked.put(n.id(), inner.problems);
    }
    ConditionChecker checker = new ConditionChecker(schema, registry, graph, graph.root(),
        checked, rootId == null ? 0 : 1);
    checker.visit(condition, pointer);
    checker.throwIfProblems();
  }

  /**
   * Checks only the format's limits that need no schema: nesting depth and number of conditions.
   *
   * @throws InvalidSegmentException listing the problems found
   */
  public static void checkLimits(Condition condition, String pointer) {
    ConditionChecker checker = new ConditionChecker(Schema.builder().build(),
        SegmentRegistry.empty(), null, null, Map.of(), -1);
    checker.visit(condition, pointer);
    checker.throwIfProblems();
  }

  private void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new InvalidSegmentException(problems.stream().map(Found::problem).toList());
    }
  }

  /** Whose fields a condition reads. */
  private enum Entity {
    CONTACT(""),
    DEAL("deal "),
    ACCOUNT("account ");

    final String prefix;

    Entity(String prefix) {
      this.prefix = prefix;
    }

    static Entity of(ConditionWalker.Scope scope) {
      return switch (scope) {
        case CONTACT -> CONTACT;
        case DEAL -> DEAL;
        case ACCOUNT -> ACCOUNT;
      };
    }

    Map<String, FieldType> fields(Schema schema) {
      return switch (this) {
        case CONTACT -> schema.contactFields();
        case DEAL -> schema.dealFields();
        case ACCOUNT -> schema.accountFields();
      };
    }
  }

  private boolean report(String pointer, String message) {
    return report(new Found(pointer, List.of(), message, false));
  }

  private boolean report(Found found) {
    if (problems.size() < InvalidSegmentException.MAX_PROBLEMS) {
      problems.add(found);
    }
    return problems.size() < InvalidSegmentException.MAX_PROBLEMS;
  }

  /**
   * Checks a tree in document order ({@link ConditionWalker}, whose stack is on the heap): levels
   * past {@value #MAX_DEPTH} are reported, not entered, and the walk ends past {@value
   * #MAX_CONDITIONS} conditions or {@value InvalidSegmentException#MAX_PROBLEMS} problems, so a
   * tree of any size or depth is checked in bounded stack and memory.
   */
  private void visit(Condition root, String pointer) {
    ConditionWalker.walk(root, pointer, new ConditionWalker.Visitor() {
      private boolean stopped;

      @Override
      public boolean stopped() {
        return stopped;
      }

      @Override
      public boolean enter(Condition c, ConditionWalker.Place place) {
        if (++conditions > MAX_CONDITIONS) {
          report(place.pointer(), "more than " + MAX_CONDITIONS + " conditions");
          stopped = true;
          return false;
        }
        if (problems.size() >= InvalidSegmentException.MAX_PROBLEMS) {
          stopped = true;
          return false;
        }
        if (c instanceof FieldCondition f) {
          if (graph != null) {
            field(f, place.pointer(), Entity.of(place.scope()));
          }
        } else if (c instanceof SegmentReference r) {
          if (graph != null) {
            reference(r.segmentId(), place.pointer() + "/segment");
          }
        } else if (ConditionWalker.key(c) != null && place.depth() + 1 > MAX_DEPTH) {
          report(place.pointer(), "conditions are nested deeper than " + MAX_DEPTH + " levels");
          return false;
        }
        // tag, list and event conditions are fully checked by their constructors
        return true;
      }
    });
  }

  /**
   * Resolves a reference, and reports the referenced segment's problems (checked already, in its
   * own document) at it.
   */
  private void reference(String id, String pointer) {
    List<String> cycle = document.cycleThrough(id);
    if (cycle != null) {
      report(new Found(pointer, List.of(), cycleMessage(cycle), true));
      return;
    }
    if (registry.get(id).isEmpty()) {
      report(pointer, "unknown segment \"" + id + "\""
          + Suggestions.didYouMean(id, registry.ids()));
      return;
    }
    int height = graph.height(id);
    if (chainStart >= 0 && height > 0 && chainStart + height > MAX_REFERENCE_DEPTH) {
      List<String> chain = new ArrayList<>();
      if (chainStart > 0) {
        chain.add(document.id());
      }
      chain.addAll(graph.chainFrom(id, NAMED_IDS - chain.size()));
      if (!report(pointer, "segment reference chain " + String.join(" -> ", chain) + " -> ... is "
          + (chainStart + height) + " segments long; at most " + MAX_REFERENCE_DEPTH
          + " are allowed")) {
        return;
      }
    }
    for (Found f : checked.getOrDefault(id, List.of())) {
      Found here;
      if (f.cycle()) {
        here = new Found(pointer, List.of(), f.message(), true); // named where it is entered
      } else {
        List<Hop> through = new ArrayList<>(f.through().size() + 1);
        through.add(new Hop(id, f.pointer()));
        through.addAll(f.through());
        here = new Found(pointer, through, f.message(), false);
      }
      if (!report(here)) {
        return;
      }
    }
  }

  /** {@code segment reference cycle: a -> b -> a}; a long one by its first ids and length. */
  private static String cycleMessage(List<String> cycle) {
    int length = cycle.size() - 1;
    if (length <= LONGEST_CYCLE_NAMED) {
      return "segment reference cycle: " + String.join(" -> ", cycle);
    }
    return "segment reference cycle: " + String.join(" -> ", cycle.subList(0, NAMED_IDS))
        + " -> ... -> " + cycle.get(0) + " is " + length + " segments long";
  }

  private void field(FieldCondition f, String pointer, Entity entity) {
    Map<String, FieldType> fields = entity.fields(schema);
    FieldType type = fields.get(f.field());
    if (type == null) {
      report(pointer + "/field", "unknown " + entity.prefix + "field " + Names.show(f.field())
          + Suggestions.didYouMean(f.field(), fields.keySet()));
      return;
    }
    FieldOperator op = f.op();
    if (!op.appliesTo(type)) {
      report(pointer + "/op", "operator \"" + op.jsonName() + "\" does not apply to "
          + type.jsonName() + " " + entity.prefix + "field \"" + f.field() + "\"");
      return;
    }
    if (f.ignoreCase() && type != FieldType.STRING) {
      report(pointer + "/ignoreCase", "ignoreCase applies only to string fields, and \""
          + f.field() + "\" is a " + type.jsonName() + " " + entity.prefix + "field");
    }
    Operand operand = f.operand();
    if (operand instanceof Operand.Single s) {
      value(type, f.field(), s.value(), pointer + "/value");
    } else if (operand instanceof Operand.Values vs) {
      for (int i = 0; i < vs.values().size(); i++) {
        if (!value(type, f.field(), vs.values().get(i), pointer + "/value/" + i)) {
          break;
        }
      }
    } else if (operand instanceof Operand.Range r) {
      if (value(type, f.field(), r.lo(), pointer + "/value/0")) {
        value(type, f.field(), r.hi(), pointer + "/value/1");
      }
    } else if (operand instanceof Operand.Span s) {
      if (type == FieldType.DATE && !s.span().isWholeDays()) {
        report(pointer + "/value", "date field " + Names.show(f.field())
            + " takes whole days (PnD, PnW, PnWnD), got " + s.span());
      }
    }
  }

  /** Checks one value against the field's type; false if a problem was reported. */
  private boolean value(FieldType type, String field, Literal v, String pointer) {
    boolean ok = switch (type) {
      case STRING -> v instanceof Literal.Text;
      case NUMBER -> v instanceof Literal.Number;
      case BOOLEAN -> v instanceof Literal.Bool;
      case DATE -> v instanceof Literal.Text t && t.asDate().isPresent();
      case DATETIME -> v instanceof Literal.Text t && t.isTemporal();
      case GEO -> false;
    };
    if (ok) {
      return true;
    }
    if (v instanceof Literal.Text t && (type == FieldType.DATETIME ? t.isOutOfRange()
        : type == FieldType.DATE && t.isDateOutOfRange())) {
      return report(pointer, type.jsonName() + " field \"" + field + "\": " + t.rangeProblem());
    }
    String expected = switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date \"YYYY-MM-DD\"";
      case DATETIME -> "an ISO-8601 instant with offset or a date \"YYYY-MM-DD\"";
      case GEO -> "no value";
    };
    // a value of another field type's kind is most often a typed builder used on the wrong
    // field (booleanField("country").isTrue()): say which kind of field this one is
    String kindOfValue = v instanceof Literal.Bool ? "boolean"
        : v instanceof Literal.Number ? "number"
        : v instanceof Literal.Text && (type == FieldType.NUMBER || type == FieldType.BOOLEAN
            || type == FieldType.GEO) ? "string" : null;
    String hint = kindOfValue == null ? ""
        : " (\"" + field + "\" is a " + type.jsonName() + " field, not a " + kindOfValue
            + " field)";
    return report(pointer, type.jsonName() + " field \"" + field + "\" expects " + expected
        + ", got " + v + hint);
  }
}
