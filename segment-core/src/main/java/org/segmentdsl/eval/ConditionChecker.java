package org.segmentdsl.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
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
   * Longest chain of segment references followed from one segment ({@code a -> b -> c ...}): a
   * guard for the checker and the evaluator, which follow references recursively.
   */
  public static final int MAX_REFERENCE_DEPTH = 64;

  private final Schema schema;
  private final SegmentRegistry registry;
  /** Referenced segments being checked (the path from the root) and those found sound. */
  private final List<String> path;
  private final Set<String> sound;
  private final List<Problem> problems = new ArrayList<>();
  /** False when only the limits are checked (no schema, no registry). */
  private boolean schemaChecks = true;
  private int conditions;

  private ConditionChecker(Schema schema, SegmentRegistry registry, List<String> path,
      Set<String> sound) {
    this.schema = schema;
    this.registry = registry;
    this.path = path;
    this.sound = sound;
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
   * segment it references through {@code registry}, directly or not.
   *
   * @param rootId the id of the segment {@code condition} belongs to (to name a cycle back to
   *     it), or {@code null}
   * @throws InvalidSegmentException listing every problem found
   */
  public static void check(Schema schema, SegmentRegistry registry, String rootId,
      Condition condition, String pointer) {
    List<String> path = new ArrayList<>();
    if (rootId != null) {
      path.add(rootId);
    }
    ConditionChecker checker = new ConditionChecker(schema, registry, path, new HashSet<>());
    checker.visit(condition, pointer, 0, Entity.CONTACT);
    if (!checker.problems.isEmpty()) {
      throw new InvalidSegmentException(checker.problems);
    }
  }

  /**
   * Checks only the format's limits that need no schema: nesting depth and number of conditions.
   *
   * @throws InvalidSegmentException listing the problems found
   */
  public static void checkLimits(Condition condition, String pointer) {
    ConditionChecker checker = new ConditionChecker(Schema.builder().build(),
        SegmentRegistry.empty(), new ArrayList<>(), new HashSet<>());
    checker.schemaChecks = false;
    checker.visit(condition, pointer, 0, Entity.CONTACT);
    if (!checker.problems.isEmpty()) {
      throw new InvalidSegmentException(checker.problems);
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

    Map<String, FieldType> fields(Schema schema) {
      return switch (this) {
        case CONTACT -> schema.contactFields();
        case DEAL -> schema.dealFields();
        case ACCOUNT -> schema.accountFields();
      };
    }
  }

  private boolean report(String pointer, String message) {
    if (problems.size() < InvalidSegmentException.MAX_PROBLEMS) {
      problems.add(new Problem(pointer, message));
    }
    return problems.size() < InvalidSegmentException.MAX_PROBLEMS;
  }

  private void visit(Condition c, String pointer, int depth, Entity entity) {
    if (++conditions > MAX_CONDITIONS) {
      if (conditions == MAX_CONDITIONS + 1) {
        report(pointer, "more than " + MAX_CONDITIONS + " conditions");
      }
      return;
    }
    if (problems.size() >= InvalidSegmentException.MAX_PROBLEMS) {
      return;
    }
    if (c instanceof All a) {
      group(a.conditions(), pointer + "/all", depth, entity);
    } else if (c instanceof Any a) {
      group(a.conditions(), pointer + "/any", depth, entity);
    } else if (c instanceof Not n) {
      nested(n.condition(), pointer, "/not", depth, entity);
    } else if (c instanceof FieldCondition f) {
      if (schemaChecks) {
        field(f, pointer, entity);
      }
    } else if (c instanceof DealCondition d) {
      nested(d.where(), pointer, "/deal", depth, Entity.DEAL);
    } else if (c instanceof AccountCondition a) {
      nested(a.where(), pointer, "/account", depth, Entity.ACCOUNT);
    } else if (c instanceof SegmentReference r) {
      if (schemaChecks) {
        reference(r.segmentId(), pointer + "/segment");
      }
    }
    // tag, list and event conditions are fully checked by their constructors
  }

  private void nested(Condition child, String pointer, String key, int depth, Entity entity) {
    if (depth + 1 > MAX_DEPTH) {
      report(pointer, "conditions are nested deeper than " + MAX_DEPTH + " levels");
    } else {
      visit(child, pointer + key, depth + 1, entity);
    }
  }

  private void group(List<Condition> children, String pointer, int depth, Entity entity) {
    if (depth + 1 > MAX_DEPTH) {
      report(pointer.substring(0, pointer.lastIndexOf('/')),
          "conditions are nested deeper than " + MAX_DEPTH + " levels");
      return;
    }
    for (int i = 0; i < children.size(); i++) {
      visit(children.get(i), pointer + "/" + i, depth + 1, entity);
    }
  }

  /** Resolves a reference, and checks the referenced segment once, in its own document. */
  private void reference(String id, String pointer) {
    int at = path.indexOf(id);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(id);
      report(pointer, "segment reference cycle: " + String.join(" -> ", cycle));
      return;
    }
    if (sound.contains(id)) {
      return;
    }
    if (path.size() >= MAX_REFERENCE_DEPTH) {
      report(pointer, "segment references are chained deeper than " + MAX_REFERENCE_DEPTH
          + " segments (" + path.get(0) + " -> ... -> " + id + ")");
      return;
    }
    Segment target = registry.get(id).orElse(null);
    if (target == null) {
      report(pointer, "unknown segment \"" + id + "\""
          + Suggestions.didYouMean(id, registry.ids()));
      return;
    }
    path.add(id);
    ConditionChecker inner = new ConditionChecker(schema, registry, path, sound);
    inner.visit(target.condition(), "/where", 0, Entity.CONTACT);
    path.remove(path.size() - 1);
    if (inner.problems.isEmpty()) {
      sound.add(id);
    }
    for (Problem p : inner.problems) {
      if (p.message().startsWith("segment reference cycle: ")) {
        // name the cycle where it is entered from this document
        if (!report(pointer, p.message())) {
          return;
        }
      } else if (!report(pointer, "in segment \"" + id + "\": " + p)) {
        return;
      }
    }
  }

  private void field(FieldCondition f, String pointer, Entity entity) {
    Map<String, FieldType> fields = entity.fields(schema);
    FieldType type = fields.get(f.field());
    if (type == null) {
      report(pointer + "/field", "unknown " + entity.prefix + "field \"" + f.field() + "\""
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
        report(pointer + "/value", "date field \"" + f.field()
            + "\" takes whole days (PnD, PnW, PnWnD), got " + s.span());
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
    String expected = switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date \"YYYY-MM-DD\"";
      case DATETIME -> "an ISO-8601 instant with offset or a date \"YYYY-MM-DD\"";
      case GEO -> "no value";
    };
    return report(pointer, type.jsonName() + " field \"" + field + "\" expects " + expected
        + ", got " + v);
  }
}
